import { useSyncExternalStore } from 'react';

/**
 * One sound switch for every video in the app. H5 starts muted because browsers only autoplay
 * muted video until the user interacts; the mini-programs' players may autoplay with sound.
 */
let muted = process.env.TARO_ENV === 'h5';
const listeners = new Set<() => void>();

export function setMuted(next: boolean): void {
  if (next === muted) return;
  muted = next;
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useMuted = (): boolean => useSyncExternalStore(subscribe, () => muted, () => muted);
