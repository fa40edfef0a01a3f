import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { nextStreak, rewardForStreak, type CheckinOutput, type CheckinStatus } from '@drama/shared/habits';
import type { EventSink } from '../events/events';
import type { WalletStore, Wallet } from '../wallet/wallet';

export interface CheckinPorts {
  wallets: WalletStore;
  events: EventSink;
  now: () => Date;
}

/**
 * One check-in a Shanghai calendar day: the streak and its reward (coins, or bonus coins that
 * expire) credited in the same conditional write of the wallet, idempotent by the date; the day's
 * first check-in is recorded as a `checkin` event.
 */
export async function checkIn(userId: string, ports: CheckinPorts): Promise<CheckinOutput> {
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
  if (!already) await ports.events.record({ kind: 'checkin', userId, streak });
  return { date: today, streak, reward: rewardForStreak(streak), already };
}

/** GET /me/checkins: today's state and the week strip, from the wallet's check-in record. */
export async function checkinsOf(userId: string, ports: { wallets: WalletStore; now: () => Date }): Promise<CheckinStatus> {
  return checkinStatus(await ports.wallets.get(userId), ports.now());
}

/** Days of the streak's strip shown before today: enough to see the run carry on, not so many the growth is off screen. */
const PAST_DAYS_SHOWN = 3;

/**
 * Today, the current streak and the strip of seven consecutive days around today: up to three days
 * already checked in this run, today, then the days ahead. Each day carries its day of the streak and
 * the reward that day gives by the shared rule (`rewardForStreak`): what it earned if checked, what it
 * will give if the streak carries on to it.
 */
export function checkinStatus(wallet: Wallet, now: Date): CheckinStatus {
  const today = shanghaiDate(now);
  const last = wallet.checkin;
  const checkedToday = last?.lastDate === today;
  const alive = Boolean(last && (checkedToday || nextStreak(last.lastDate, last.streak, today) > 1));
  const streak = alive && last ? last.streak : 0;
  // Today's day of the streak: counted already, or the next one if the viewer checks in today.
  const todayDay = checkedToday ? streak : streak + 1;
  const before = Math.min(todayDay - 1, PAST_DAYS_SHOWN);
  const noon = new Date(`${today}T12:00:00+08:00`);
  const days = Array.from({ length: 7 }, (_, i) => {
    const offset = i - before;
    const day = todayDay + offset;
    const date = shanghaiDate(addDays(noon, offset));
    return { date, day, checked: offset < 0 || (offset === 0 && checkedToday), reward: rewardForStreak(day) };
  });
  return { today, checkedInToday: checkedToday, streak, days };
}
