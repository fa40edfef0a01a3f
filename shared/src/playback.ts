import { z } from 'zod';
import { seriesIdSchema } from './catalog';
import { costToFinishSchema, previewSchema } from './paywall';
import { membershipPlans } from './products';

/** `cheapest`: the server's mark on the cheapest way to finish the series (shared/paywall.ts). */
const cheapest = z.literal(true).optional();
export const offerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coins'), coins: z.number().int().positive(), cheapest }),
  z.object({ kind: z.literal('series'), priceFen: z.number().int().positive(), cheapest }),
  z.object({ kind: z.literal('membership'), plan: z.enum(membershipPlans), priceFen: z.number().int().positive(), cheapest }),
  z.object({ kind: z.literal('ad'), cheapest }),
]);
export type Offer = z.infer<typeof offerSchema>;

export const playInputSchema = z
  .object({
    seriesId: seriesIdSchema,
    episode: z.number().int().min(1).max(10_000),
  })
  .strict();
export type PlayInput = z.infer<typeof playInputSchema>;

export const playOutputSchema = z.object({
  url: z.string().url(),
  expiresAt: z.string(),
  /** `hls`: `url` is this viewer's playlist of marked segments (paid episodes); `mp4`: one file. */
  format: z.enum(['mp4', 'hls']).default('mp4'),
  /**
   * How this copy names its viewer if it leaks: `marks` (forensic marks in the HLS segments),
   * `overlay` (a paid episode served without marks — not yet ingested, or hosted by the platform:
   * the player draws the viewer's code over it, GET /me/viewer-code), `none` (a free episode).
   */
  watermark: z.enum(['marks', 'overlay', 'none']).default('none'),
  seriesId: seriesIdSchema,
  episode: z.number().int().positive(),
  /**
   * Going live (going-live.ts): `wechat` when `url` is WeChat's temporary link to an approved drama;
   * `douyin_playlet` when the episode plays in Douyin's playlet player by `playlet`'s ids (`url`
   * stays ours, for anywhere the player is not there); absent or `own`: our signed media.
   */
  source: z.enum(['own', 'wechat', 'douyin_playlet']).optional(),
  playlet: z.object({ albumId: z.string(), episodeId: z.string() }).optional(),
});
export type PlayOutput = z.infer<typeof playOutputSchema>;

export const entitlementRequiredSchema = z.object({
  code: z.literal('ENTITLEMENT_REQUIRED'),
  message: z.string(),
  offers: z.array(offerSchema),
  /** What finishing the series still costs this viewer (API.md: on every 402). */
  costToFinish: costToFinishSchema,
  /** The episode's trial preview, when the series allows previews. */
  preview: previewSchema.optional(),
});
export type EntitlementRequiredBody = z.infer<typeof entitlementRequiredSchema>;

/** Signed media URLs live at most this long (API.md: within 600 s). */
export const playUrlTtlS = 300;
