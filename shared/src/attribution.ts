import { z } from 'zod';
import { reminderKinds } from './reminders';

const clickidPattern = /^[A-Za-z0-9_.~=:%+/-]+$/;

/** Launch query values are short ASCII-ish tokens; anything longer is not an ad platform's id. */
const token = z.string().trim().min(1).max(256);

/**
 * What the app was launched with (`POST /attribution/launch`): the ad click (`clickid`, from the ad
 * platform's landing query), campaign and channel, the whole query for the record, and — when the
 * launch was a tap on a reminder — the reminder's kind (the `rk` parameter of reminder links).
 */
export const attributionLaunchInputSchema = z
  .object({
    clickid: token.regex(clickidPattern, 'a click id is URL-safe text').optional(),
    campaign: token.max(128).optional(),
    channel: token.max(64).optional(),
    query: z.record(z.string().max(512)).refine((q) => Object.keys(q).length <= 40, 'at most 40 query parameters'),
    reminder: z.enum(reminderKinds).optional(),
  })
  .strict();
export type AttributionLaunchInput = z.infer<typeof attributionLaunchInputSchema>;

export const attributionLaunchOutputSchema = z.object({
  /** True when a click was recorded (and later watching and paying will be reported against it). */
  attributed: z.boolean(),
});
export type AttributionLaunchOutput = z.infer<typeof attributionLaunchOutputSchema>;

/**
 * The conversions reported to the ad platform, once per click and event (a payment once per order):
 * the first watch, the first paid episode, and each payment.
 */
export const conversionEvents = ['first_watch', 'first_paid_episode', 'payment'] as const;
export type ConversionEvent = (typeof conversionEvents)[number];

/**
 * GET /admin/conversions?clickid=: what was reported to the ad platform for one click, each
 * conversion with its state per target and every attempt's result.
 */
export const conversionSchema = z.object({
  id: z.string(),
  clickid: z.string(),
  event: z.enum(conversionEvents),
  /** The order id for a payment; "-" otherwise. */
  ref: z.string(),
  userId: z.string(),
  campaign: z.string().optional(),
  seriesId: z.string().optional(),
  episode: z.number().int().optional(),
  orderId: z.string().optional(),
  amountFen: z.number().int().optional(),
  product: z.enum(['coins', 'series', 'membership']).optional(),
  sku: z.string().optional(),
  occurredAt: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  nextAt: z.string(),
  targets: z.record(z.enum(['pending', 'sent', 'skipped'])),
  results: z.array(z.object({ at: z.string(), target: z.string(), ok: z.boolean(), detail: z.string() })),
});
export const conversionsOutputSchema = z.object({ items: z.array(conversionSchema) });
export type ConversionsOutput = z.infer<typeof conversionsOutputSchema>;

/** A launch's click counts for conversions this long (ATTRIBUTION_WINDOW_S overrides it). */
export const defaultAttributionWindowS = 7 * 24 * 3600;

/** The launch query's names for the click, campaign and channel, as the ad platforms fill them in. */
export const clickParams = ['clickid', 'click_id', 'callback'] as const;
export const campaignParams = ['campaign', 'campaign_id', 'promotion_id', 'aid'] as const;
export const channelParams = ['channel', 'utm_source', 'from'] as const;

/** Reads click, campaign and channel out of a launch query (the app and the tests use the same rule). */
export function launchOf(query: Record<string, string | undefined>): Omit<AttributionLaunchInput, 'query'> & { query: Record<string, string> } {
  const pick = (names: readonly string[]) => names.map((n) => query[n]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && Object.keys(clean).length < 40) clean[k.slice(0, 64)] = v.slice(0, 512);
  const reminder = reminderKinds.find((k) => k === query.rk);
  const channel = pick(channelParams);
  const clickid = pick(clickParams)?.trim();
  return {
    ...(clickid && clickid.length <= 256 && clickidPattern.test(clickid) ? { clickid } : {}),
    ...(pick(campaignParams) ? { campaign: pick(campaignParams)!.slice(0, 128) } : {}),
    ...(channel && channel !== 'reminder' ? { channel: channel.slice(0, 64) } : {}),
    ...(reminder ? { reminder } : {}),
    query: clean,
  };
}

/** The launch channel of a share link: the console's funnel counts what sharing brings in its own row. */
export const shareChannel = 'share';
/** That row's name in the funnel. */
export const shareFunnelKey = '分享';

/** The launch query of a link that shares `episode` of `seriesId`: it opens that episode (paywall rules apply) and names the sharer. */
export function shareQuery(seriesId: string, episode: number, sharer: string): Record<string, string> {
  return { seriesId, episode: String(episode), channel: shareChannel, sharer };
}
