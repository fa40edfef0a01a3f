import { useEffect, useSyncExternalStore } from 'react';
import { getFollows } from './api/get-follows';

/**
 * Which series the user follows, shared by every 追剧 button on screen (the series page and the
 * player both show one): loaded once with GET /me/follows, then kept in step with each toggle.
 */
type Known = ReadonlySet<string> | 'loading' | 'error';

let known: Known = 'loading';
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function load(): void {
  loading ??= getFollows().then(
    ({ items }) => {
      known = new Set(items.map((i) => i.seriesId));
      emit();
    },
    () => {
      known = 'error';
      loading = null;
      emit();
    },
  );
}

/** Record one series' state after a toggle (or the fresh list from GET /me/follows). */
export function setFollowing(seriesId: string, following: boolean): void {
  const next = new Set(typeof known === 'string' ? [] : known);
  if (following) next.add(seriesId);
  else next.delete(seriesId);
  known = next;
  emit();
}

export function setFollowedSeries(ids: string[]): void {
  known = new Set(ids);
  loading = Promise.resolve();
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** `known: false` while the list loads; a list that failed to load reads as "not following" (the toggle still works). */
export function useFollowed(seriesId: string): { known: boolean; following: boolean } {
  const value = useSyncExternalStore(subscribe, () => known, () => known);
  useEffect(() => {
    if (known === 'loading' || known === 'error') load();
  }, []);
  if (value === 'loading') return { known: false, following: false };
  if (value === 'error') return { known: true, following: false };
  return { known: true, following: value.has(seriesId) };
}

/** Tests start from nothing. */
export function forgetFollows(): void {
  known = 'loading';
  loading = null;
}
