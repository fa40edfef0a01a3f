import { z } from 'zod';
import { addDays, shanghaiDate } from './calendar';
import { seriesIdSchema } from './catalog';

/**
 * Check-in rewards by day of the streak (the 7th day repeats): coins, or bonus coins that expire.
 * A missed Shanghai calendar day restarts the streak at 1.
 */
export interface CheckinReward {
  coins: number;
  bonusCoins: number;
  bonusDays: number;
}

export const checkinRewards: readonly CheckinReward[] = [
  { coins: 10, bonusCoins: 0, bonusDays: 0 },
  { coins: 10, bonusCoins: 0, bonusDays: 0 },
  { coins: 0, bonusCoins: 20, bonusDays: 7 },
  { coins: 15, bonusCoins: 0, bonusDays: 0 },
  { coins: 15, bonusCoins: 0, bonusDays: 0 },
  { coins: 0, bonusCoins: 30, bonusDays: 7 },
  { coins: 30, bonusCoins: 50, bonusDays: 14 },
];

export function rewardForStreak(streak: number): CheckinReward {
  return checkinRewards[Math.min(Math.max(streak, 1), checkinRewards.length) - 1];
}

/** The streak after checking in on `today`, given the last check-in date (both YYYY-MM-DD, Shanghai). */
export function nextStreak(lastDate: string | null, lastStreak: number, today: string): number {
  if (!lastDate) return 1;
  if (lastDate === today) return lastStreak;
  const yesterday = shanghaiDate(addDays(new Date(`${today}T12:00:00+08:00`), -1));
  return lastDate === yesterday ? lastStreak + 1 : 1;
}

export const checkinOutputSchema = z.object({
  date: z.string(),
  streak: z.number().int().positive(),
  reward: z.object({ coins: z.number().int(), bonusCoins: z.number().int(), bonusDays: z.number().int() }),
  already: z.boolean(),
});
export type CheckinOutput = z.infer<typeof checkinOutputSchema>;

export const checkinStatusSchema = z.object({
  today: z.string(),
  checkedInToday: z.boolean(),
  streak: z.number().int().nonnegative(),
  /** Seven consecutive days around today; `day` is the day of the streak, `reward` what it gives by `rewardForStreak`. */
  days: z.array(
    z.object({
      date: z.string(),
      day: z.number().int().positive(),
      checked: z.boolean(),
      reward: z.object({ coins: z.number(), bonusCoins: z.number(), bonusDays: z.number() }),
    }),
  ),
});
export type CheckinStatus = z.infer<typeof checkinStatusSchema>;

export const progressInputSchema = z
  .object({
    seriesId: seriesIdSchema,
    episode: z.number().int().min(1).max(10_000),
    // Kept to the millisecond: DynamoDB refuses numbers below 1e-130 (a subnormal position would be
    // a 500), and no player reports finer than that.
    positionS: z
      .number()
      .min(0)
      .max(24 * 3600)
      .transform((s) => Math.round(s * 1000) / 1000),
    /** The episode that just played to its end (this one, or the one before it): a completed play. */
    endedEpisode: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type ProgressInput = z.infer<typeof progressInputSchema>;

/** `saved: false` when the server dropped a save of the same episode too soon after the last one. */
export const progressOutputSchema = z.object({ saved: z.boolean() });
export type ProgressOutput = z.infer<typeof progressOutputSchema>;

export const historyItemSchema = z.object({ seriesId: z.string(), episode: z.number().int(), positionS: z.number(), updatedAt: z.string() });
export const historyOutputSchema = z.object({ items: z.array(historyItemSchema) });
export type HistoryOutput = z.infer<typeof historyOutputSchema>;

export const followParamsSchema = z.object({ seriesId: seriesIdSchema });
/** POST (follow) and DELETE (unfollow) /follows/{seriesId}: the state after the call. */
export const followStateSchema = z.object({ seriesId: z.string(), following: z.boolean() });
export type FollowState = z.infer<typeof followStateSchema>;
export const followsOutputSchema = z.object({ items: z.array(z.object({ seriesId: z.string(), followedAt: z.string() })) });
export type FollowsOutput = z.infer<typeof followsOutputSchema>;
