import { z } from 'zod';
import { seriesIdSchema } from './catalog';
import { membershipPlans } from './products';

/** Client-chosen idempotency key: the same key never debits or orders twice. */
export const requestIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const membershipViewSchema = z.object({
  plan: z.enum(membershipPlans),
  expiresAt: z.string(),
  autoRenew: z.boolean(),
  /** While auto-renewing: when the next charge is made and how much (shared/membership.ts chargeAtOf). */
  renewal: z.object({ chargeAt: z.string(), amountFen: z.number().int().positive() }).nullable().optional(),
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

export const walletOutputSchema = z.object({
  coins: z.number().int().nonnegative(),
  bonusCoins: z.number().int().nonnegative(),
  /** The soonest bonus expiry, so the app can say "N bonus coins expire on …". */
  bonusExpiresAt: z.string().nullable(),
  membership: membershipViewSchema.nullable(),
  seriesOwned: z.array(z.string()),
});
export type WalletOutput = z.infer<typeof walletOutputSchema>;

/** POST /memberships/cancel: the wallet's own membership view, renewal stopped. */
export const cancelMembershipOutputSchema = walletOutputSchema.pick({ membership: true });
export type CancelMembershipOutput = z.infer<typeof cancelMembershipOutputSchema>;

export const unlockInputSchema = z
  .object({
    seriesId: seriesIdSchema,
    episode: z.number().int().min(1).max(10_000),
    requestId: requestIdSchema,
  })
  .strict();
export type UnlockInput = z.infer<typeof unlockInputSchema>;

export const unlockOutputSchema = z.object({
  coins: z.number().int().nonnegative(),
  bonusCoins: z.number().int().nonnegative(),
  unlocked: z.boolean(),
});
export type UnlockOutput = z.infer<typeof unlockOutputSchema>;

/** POST /unlocks's 402: the episode's price and how many coins the caller is short of it. */
export const insufficientCoinsSchema = z.object({
  code: z.literal('INSUFFICIENT_COINS'),
  message: z.string(),
  price: z.number().int().nonnegative(),
  shortBy: z.number().int().positive(),
});
export type InsufficientCoinsBody = z.infer<typeof insufficientCoinsSchema>;
