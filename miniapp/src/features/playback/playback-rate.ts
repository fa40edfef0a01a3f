import Taro from '@tarojs/taro';

/** The speeds the player offers. */
export const playbackRates = [0.75, 1, 1.25, 1.5, 2] as const;
export type PlaybackRate = (typeof playbackRates)[number];

const keyOf = (userId: string) => `drama.playbackRate.${userId}`;

/** The viewer's chosen speed, remembered per signed-in viewer on this device (1× until chosen). */
export function savedRate(userId: string): PlaybackRate {
  const stored = Number(Taro.getStorageSync(keyOf(userId)));
  return (playbackRates as readonly number[]).includes(stored) ? (stored as PlaybackRate) : 1;
}

export function saveRate(userId: string, rate: PlaybackRate): void {
  Taro.setStorageSync(keyOf(userId), rate);
}

/** "1.25×" */
export const rateLabel = (rate: number) => `${rate === 1 ? '1.0' : String(rate)}×`;

/**
 * The rate the platform's player takes: WeChat's VideoContext.playbackRate knows 0.5, 0.8, 1.0,
 * 1.25, 1.5 and 2.0 only, so 0.75× plays at 0.8× there; Douyin and H5 take any rate.
 */
export const platformRate = (rate: number) => (process.env.TARO_ENV === 'weapp' && rate === 0.75 ? 0.8 : rate);
