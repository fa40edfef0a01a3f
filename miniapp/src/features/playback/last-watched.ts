import Taro from '@tarojs/taro';

/**
 * The episode each series was last left at, on this device, so the feed resumes a series instead of
 * starting it over. (The server-side history, PUT /progress, is a later issue.)
 */
const key = 'drama.lastWatched';
type LastWatched = Record<string, number>;

const read = (): LastWatched => {
  const v = Taro.getStorageSync(key) as LastWatched | '';
  return v && typeof v === 'object' ? v : {};
};

export function lastWatchedEpisode(seriesId: string): number | undefined {
  return read()[seriesId];
}

export function rememberEpisode(seriesId: string, episode: number): void {
  const all = read();
  if (all[seriesId] === episode) return;
  Taro.setStorageSync(key, { ...all, [seriesId]: episode });
}
