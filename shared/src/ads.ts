import { z } from 'zod';
import { seriesIdSchema } from './catalog';

/**
 * Rewarded-ad unlocks (API.md "Free to watch"): the server issues a one-time ticket bound to the
 * viewer and the episode; only proof redeems it — the ad network's signed server-to-server callback,
 * or, where the platform has none (WeChat), the client's "ended" report no sooner than the ad's
 * minimum length after the ticket was issued.
 */

/** Ad unlocks one viewer may take per series and Shanghai day unless the operator sets another cap. */
export const defaultAdDailyCap = 5;
/** A ticket is good this long after it was issued: a rewarded video runs well under a minute. */
export const adTicketTtlS = 600;
/** The shortest rewarded video the platforms serve (WeChat's run 15–30 s): the client path waits this long. */
export const adMinWatchS = 15;

/** How a ticket is redeemed: by the ad network's signed callback, or by the client's report (trusted as far as README "Free to watch" says). */
export const adProofs = ['callback', 'client'] as const;
export type AdProof = (typeof adProofs)[number];

export const adTicketIdSchema = z.string().regex(/^at_[0-9a-f]{32}$/, 'a ticket id is at_ and 32 hex digits');

export const createAdUnlockInputSchema = z
  .object({
    seriesId: seriesIdSchema,
    episode: z.number().int().min(1).max(10_000),
  })
  .strict();
export type CreateAdUnlockInput = z.infer<typeof createAdUnlockInputSchema>;

export const adTicketSchema = z.object({
  ticketId: adTicketIdSchema,
  /** The ad unit the app shows (tt/wx.createRewardedVideoAd's adUnitId; the sandbox's on H5). */
  adUnitId: z.string(),
  expiresAt: z.string(),
  proof: z.enum(adProofs),
  /** For `client` proof: the earliest the app may report the ad ended. */
  completeAfter: z.string(),
  /** Ad unlocks of this series left to the viewer today, this one included. */
  dailyLeft: z.number().int().nonnegative(),
});
export type AdTicket = z.infer<typeof adTicketSchema>;

export const adTicketParamsSchema = z.object({ ticketId: adTicketIdSchema });

/** POST /ads/unlocks/{ticketId}/complete: `pending` while a callback-proof ticket waits for the network. */
export const adUnlockStatusSchema = z.object({
  ticketId: adTicketIdSchema,
  status: z.enum(['unlocked', 'pending']),
  seriesId: seriesIdSchema,
  episode: z.number().int().positive(),
});
export type AdUnlockStatus = z.infer<typeof adUnlockStatusSchema>;

/**
 * The ad network's reward callback (Pangle/穿山甲-style): `trans_id` names the completed view,
 * `user_id` and `extra` are what the app handed the ad SDK (the viewer, and the ticket id),
 * `sign` = hex SHA-256 over "<app security key>:<trans_id>".
 */
export const adCallbackInputSchema = z.object({
  trans_id: z.string().min(1).max(128),
  user_id: z.string().max(128).default(''),
  extra: z.string().max(256),
  reward_name: z.string().max(64).optional(),
  reward_amount: z.coerce.number().int().nonnegative().max(1_000_000).optional(),
  sign: z.string().regex(/^[0-9a-fA-F]{64}$/, 'sign is 64 hex digits'),
});
export type AdCallbackInput = z.infer<typeof adCallbackInputSchema>;

/** The reply the ad network reads: anything but `isValid: true` is retried. */
export const adCallbackReplySchema = z.object({ isValid: z.boolean() });
