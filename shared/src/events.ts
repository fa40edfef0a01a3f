import { z } from 'zod';
import { reminderKinds } from './reminders';

/**
 * The analytics event stream: what happened, written by the functions only (never posted by the
 * client), one item per event. The operator's funnel, revenue, reminder and retention figures are
 * all computed from it.
 */
export const eventKinds = [
  'launch',
  'play_start',
  /** A viewer played an episode to its end (reported with the resume point; counts toward 热播榜). */
  'play_complete',
  'paywall_shown',
  'order_created',
  'paid',
  'refunded',
  'consent_accepted',
  'consent_opted_out',
  'reminder_sent',
  'reminder_opened',
  'checkin',
  'scene_played',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const productKinds = ['coins', 'series', 'membership'] as const;

export const analyticsEventSchema = z.object({
  kind: z.enum(eventKinds),
  at: z.string(),
  userId: z.string(),
  seriesId: z.string().optional(),
  episode: z.number().int().optional(),
  campaign: z.string().optional(),
  channel: z.string().optional(),
  clickid: z.string().optional(),
  orderId: z.string().optional(),
  product: z.enum(productKinds).optional(),
  /** What exactly was bought: the coin pack, the membership plan or the series id. */
  sku: z.string().optional(),
  amountFen: z.number().int().optional(),
  reminderKind: z.enum(reminderKinds).optional(),
  streak: z.number().int().optional(),
});
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

/** The funnel's stages, in order: each counts distinct users who reached it. */
export const funnelStages = ['launch', 'play', 'paywall', 'order', 'paid'] as const;
export type FunnelStage = (typeof funnelStages)[number];
