import { z } from 'zod';
import { platformSchema } from './auth';

/**
 * Reminder kinds, their subscription type and the message each sends, in one place: the app asks
 * for them by these names, the functions send only against a consent for them.
 */
export const reminderKinds = ['episode_update', 'checkin', 'new_drama', 'home_recommend'] as const;
export const reminderKindSchema = z.enum(reminderKinds);
export type ReminderKind = z.infer<typeof reminderKindSchema>;

export interface ReminderKindSpec {
  kind: ReminderKind;
  /** What the settings page calls it. */
  label: string;
  /** One-time: one accept allows one send. Long-term: allowed until withdrawn. */
  subscription: 'one_time' | 'long_term';
}

export const reminderSpecs: Record<ReminderKind, ReminderKindSpec> = {
  episode_update: { kind: 'episode_update', label: '追剧更新提醒', subscription: 'one_time' },
  checkin: { kind: 'checkin', label: '每日签到提醒', subscription: 'one_time' },
  new_drama: { kind: 'new_drama', label: '新剧上线提醒', subscription: 'one_time' },
  home_recommend: { kind: 'home_recommend', label: '首页好剧推荐', subscription: 'long_term' },
};

/** Platforms take at most 3 templates a call, one-time and long-term never mixed (PLATFORM.md §3, §5). */
export const maxTemplatesPerAsk = 3;

/** Splits the kinds to ask for into platform-legal calls. */
export function askBatches(kinds: readonly ReminderKind[]): ReminderKind[][] {
  const batches: ReminderKind[][] = [];
  for (const type of ['one_time', 'long_term'] as const) {
    const same = kinds.filter((k) => reminderSpecs[k].subscription === type);
    for (let i = 0; i < same.length; i += maxTemplatesPerAsk) batches.push(same.slice(i, i + maxTemplatesPerAsk));
  }
  return batches;
}

/** The deep link (mini-program page path with query) each message opens. */
export function reminderPage(kind: ReminderKind, ref: { seriesId?: string; episode?: number } = {}): string {
  switch (kind) {
    case 'episode_update':
      return `packages/watch/pages/player/index?seriesId=${ref.seriesId}&episode=${ref.episode}&from=reminder&rk=${kind}`;
    case 'new_drama':
    case 'home_recommend':
      return `packages/watch/pages/series/index?seriesId=${ref.seriesId}&from=reminder&rk=${kind}`;
    case 'checkin':
      return `packages/habits/pages/checkin/index?from=reminder&rk=${kind}`;
  }
}

/** The message texts (template data), in one place. */
export function reminderText(kind: ReminderKind, ref: { seriesTitle?: string; episode?: number; streak?: number } = {}): { title: string; body: string } {
  switch (kind) {
    case 'episode_update':
      return { title: '追剧更新', body: `《${ref.seriesTitle}》第${ref.episode}集已更新，点击继续观看` };
    case 'checkin':
      return { title: '签到提醒', body: ref.streak ? `已连续签到${ref.streak}天，今天别断签哦` : '今日签到领金币' };
    case 'new_drama':
      return { title: '新剧上线', body: `新剧《${ref.seriesTitle}》已上线，前几集免费看` };
    case 'home_recommend':
      return { title: '为你推荐', body: `《${ref.seriesTitle}》正在热播，点击观看` };
  }
}

/** Per-user sends a day across all kinds, and the quiet hours (Asia/Shanghai) when nothing is sent. */
export const dailySendCap = 3;
export const quietHours = { from: 22, to: 8 };

export function isQuietHour(at: Date, hours: { from: number; to: number } | null = quietHours): boolean {
  if (!hours) return false;
  const hour = new Date(at.getTime() + 8 * 3600_000).getUTCHours();
  return hours.from > hours.to ? hour >= hours.from || hour < hours.to : hour >= hours.from && hour < hours.to;
}

export const consentResultSchema = z.enum(['accept', 'reject', 'ban']);
export type ConsentResult = z.infer<typeof consentResultSchema>;

export const postConsentsInputSchema = z
  .object({
    platform: platformSchema,
    results: z.record(reminderKindSchema, consentResultSchema).refine((r) => Object.keys(r).length > 0, 'report at least one result'),
  })
  .strict();
export type PostConsentsInput = z.infer<typeof postConsentsInputSchema>;

export const consentItemSchema = z.object({
  kind: reminderKindSchema,
  label: z.string(),
  subscription: z.enum(['one_time', 'long_term']),
  /** The platform template the app asks for (per platform, from configuration). */
  templateId: z.string(),
  oneTimeLeft: z.number().int().nonnegative(),
  longTerm: z.boolean(),
  status: z.enum(['none', 'accepted', 'rejected', 'banned', 'withdrawn', 'used_up', 'refused']),
});
export type ConsentItem = z.infer<typeof consentItemSchema>;
export const consentsOutputSchema = z.object({ items: z.array(consentItemSchema) });
export type ConsentsOutput = z.infer<typeof consentsOutputSchema>;
export const consentKindParamsSchema = z.object({ kind: reminderKindSchema });

/**
 * The sandbox platform's inbox (`GET {SANDBOX}/inbox?user=`, API.md): the subscribe messages it
 * "delivered", newest first. `page` is a mini-program path with its query, e.g.
 * `packages/watch/pages/player/index?seriesId=x&episode=4&from=reminder`.
 */
export const sandboxInboxMessageSchema = z.object({
  id: z.string(),
  at: z.string(),
  platform: z.string(),
  templateId: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string(),
});
export type SandboxInboxMessage = z.infer<typeof sandboxInboxMessageSchema>;
export const sandboxInboxSchema = z.object({ items: z.array(sandboxInboxMessageSchema) });
