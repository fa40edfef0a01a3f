import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { nextStreak, rewardForStreak, type CheckinOutput, type CheckinStatus } from '@drama/shared/habits';
import type { WalletStore, Wallet } from '../wallet/wallet';

/**
 * One check-in a Shanghai calendar day: the streak and its reward (coins, or bonus coins that
 * expire) credited in the same conditional write of the wallet, idempotent by the date.
 */
export async function checkIn(userId: string, ports: { wallets: WalletStore; now: () => Date }): Promise<CheckinOutput> {
  const now = ports.now();
  const today = shanghaiDate(now);
  let already = true;
  const { wallet } = await ports.wallets.apply(userId, `checkin:${today}`, (current, at) => {
    if (current.checkin?.lastDate === today) return null;
    already = false;
    const streak = nextStreak(current.checkin?.lastDate ?? null, current.checkin?.streak ?? 0, today);
    const reward = rewardForStreak(streak);
    const bonus = reward.bonusCoins ? [...current.bonus, { ref: `checkin:${today}`, amount: reward.bonusCoins, expiresAt: addDays(at, reward.bonusDays).toISOString() }] : current.bonus;
    return {
      wallet: { ...current, coins: current.coins + reward.coins, bonus, checkin: { lastDate: today, streak, recent: [...(current.checkin?.recent ?? []), today].slice(-14) } },
      reason: 'checkin',
      ref: `checkin:${today}`,
      note: `day ${streak}`,
    };
  });
  const streak = wallet.checkin?.streak ?? 1;
  return { date: today, streak, reward: rewardForStreak(streak), already };
}

/** Today, the current streak and this week's strip (Monday to Sunday, Shanghai) with each day's reward. */
export function checkinStatus(wallet: Wallet, now: Date): CheckinStatus {
  const today = shanghaiDate(now);
  const last = wallet.checkin;
  const alive = last && (last.lastDate === today || nextStreak(last.lastDate, last.streak, today) > 1);
  const streak = alive ? last.streak : 0;
  const weekday = (new Date(`${today}T12:00:00+08:00`).getUTCDay() + 6) % 7; // Monday = 0
  const checkedToday = last?.lastDate === today;
  const week = Array.from({ length: 7 }, (_, i) => {
    const date = shanghaiDate(addDays(new Date(`${today}T12:00:00+08:00`), i - weekday));
    // The reward a day brings if the streak carries on to it (today's streak counts today's check-in).
    const projected = Math.max(1, (checkedToday ? streak : streak + 1) + (i - weekday));
    return { date, checked: Boolean(last?.recent.includes(date)), reward: rewardForStreak(projected) };
  });
  return { today, checkedInToday: checkedToday, streak, week };
}
