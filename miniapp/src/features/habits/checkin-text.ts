import type { CheckinReward } from '@drama/shared/habits';

/** How a check-in reward reads: on the strip's cells, and in the "you got" line. */
export const rewardCoins = (r: CheckinReward) => r.coins + r.bonusCoins;

export function rewardText(r: CheckinReward): string {
  const parts = [];
  if (r.coins > 0) parts.push(`${r.coins} 金币`);
  if (r.bonusCoins > 0) parts.push(`${r.bonusCoins} 赠送金币（${r.bonusDays} 天内有效）`);
  return parts.join(' + ') || '0 金币';
}

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一..周日 for a YYYY-MM-DD (a calendar date, so read as UTC noon to stay on that day). */
export const weekdayOf = (date: string) => weekdays[new Date(`${date}T12:00:00Z`).getUTCDay()];

/** A strip day's name: 今天 and 明天 by name, other days by weekday. */
export function dayName(date: string, today: string): string {
  if (date === today) return '今天';
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return date === tomorrow ? '明天' : weekdayOf(date);
}
