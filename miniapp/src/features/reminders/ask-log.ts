import Taro from '@tarojs/taro';
import { shanghaiDate } from '@drama/shared/calendar';

/**
 * When each trigger last asked for reminders (a Shanghai calendar day), on this device: a trigger
 * asks at most once a day, so following three series in a row shows the dialog once.
 */
const key = 'drama.reminderAsks';
type AskLog = Record<string, string>;

const read = (): AskLog => {
  const v = Taro.getStorageSync(key) as AskLog | '';
  return v && typeof v === 'object' ? v : {};
};

export const askedToday = (trigger: string, now = new Date()): boolean => read()[trigger] === shanghaiDate(now);

export function markAsked(trigger: string, now = new Date()): void {
  Taro.setStorageSync(key, { ...read(), [trigger]: shanghaiDate(now) });
}
