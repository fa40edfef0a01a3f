import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import { danmakuDensities, type DanmakuDensity } from './danmaku';

/** 弹幕 on or off and how dense: one setting for the whole app, kept on the device. */
export interface DanmakuSettings {
  on: boolean;
  density: DanmakuDensity;
}

const storageKey = 'danmaku-settings';
const listeners = new Set<() => void>();
let current: DanmakuSettings | undefined;

function read(): DanmakuSettings {
  if (current) return current;
  let stored: Partial<DanmakuSettings> = {};
  try {
    stored = (Taro.getStorageSync(storageKey) as Partial<DanmakuSettings> | '') || {};
  } catch {
    // No storage (private mode): the defaults.
  }
  current = { on: stored.on !== false, density: danmakuDensities.includes(stored.density as DanmakuDensity) ? (stored.density as DanmakuDensity) : 'normal' };
  return current;
}

export function setDanmakuSettings(change: Partial<DanmakuSettings>): void {
  current = { ...read(), ...change };
  try {
    Taro.setStorageSync(storageKey, current);
  } catch {
    // Kept for this session only.
  }
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useDanmakuSettings = (): DanmakuSettings => useSyncExternalStore(subscribe, read, read);
