import type { FunnelOutput, RemindersOutput, RetentionOutput, RevenueOutput } from '@drama/shared/admin';
import { shareChannel, shareFunnelKey } from '@drama/shared/attribution';
import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { funnelStages, type AnalyticsEvent, type FunnelStage } from '@drama/shared/events';
import { reminderKinds } from '@drama/shared/reminders';

/**
 * The operator's figures, computed from the event stream (pure: the handlers read the events and
 * call these). Funnel stages count distinct users, so a viewer who plays ten episodes counts once.
 */

const stageOf: Partial<Record<AnalyticsEvent['kind'], FunnelStage>> = {
  launch: 'launch',
  play_start: 'play',
  paywall_shown: 'paywall',
  order_created: 'order',
  paid: 'paid',
};

const organic = '(自然流量)';
const emptyCounts = () => Object.fromEntries(funnelStages.map((s) => [s, 0])) as Record<FunnelStage, number>;

/**
 * A user counts at every stage up to the deepest one they reached (one who paid went through the
 * earlier steps, even if, say, the launch fell before the range): each funnel narrows, rates ≤ 100%.
 */
function toRows(users: Map<string, Map<FunnelStage, Set<string>>>): FunnelOutput['byCampaign'] {
  return [...users.entries()]
    .map(([key, stages]) => {
      const deepest = new Map<string, number>();
      for (const [stage, set] of stages) {
        const depth = funnelStages.indexOf(stage);
        for (const userId of set) deepest.set(userId, Math.max(deepest.get(userId) ?? 0, depth));
      }
      const counts = emptyCounts();
      for (const depth of deepest.values()) for (let i = 0; i <= depth; i++) counts[funnelStages[i]]++;
      return { key, counts };
    })
    .sort((a, b) => b.counts.launch - a.counts.launch || b.counts.play - a.counts.play || a.key.localeCompare(b.key));
}

function add(rows: Map<string, Map<FunnelStage, Set<string>>>, key: string, stage: FunnelStage, userId: string) {
  let stages = rows.get(key);
  if (!stages) rows.set(key, (stages = new Map()));
  let set = stages.get(stage);
  if (!set) stages.set(stage, (set = new Set()));
  set.add(userId);
}

/**
 * Per campaign: a user belongs to the campaign of their last launch that named one, or to the share
 * row when they last came through a shared link (else organic).
 * Counts are users by the deepest stage they reached (see toRows).
 * Per series: plays and paywalls name their series; an order for coins or a membership counts for
 * the series whose paywall the user saw last before ordering; a series' "launch" is every user who
 * came to it.
 */
export function funnel(events: AnalyticsEvent[]): FunnelOutput {
  const campaignOf = new Map<string, string>();
  for (const e of events) {
    if (e.kind !== 'launch') continue;
    // An ad click's campaign, else a share link's own row (a launch channel with no click), else organic.
    const key = e.campaign ?? (e.clickid ? e.channel ?? '(未命名计划)' : e.channel === shareChannel ? shareFunnelKey : undefined);
    if (key) campaignOf.set(e.userId, key);
  }
  const byCampaign = new Map<string, Map<FunnelStage, Set<string>>>();
  const bySeries = new Map<string, Map<FunnelStage, Set<string>>>();
  const lastPaywallSeries = new Map<string, string>();
  const orderSeries = new Map<string, string>();
  for (const e of events) {
    const stage = stageOf[e.kind];
    if (!stage) continue;
    add(byCampaign, campaignOf.get(e.userId) ?? organic, stage, e.userId);
    let seriesId = e.seriesId;
    if (e.kind === 'paywall_shown' && seriesId) lastPaywallSeries.set(e.userId, seriesId);
    if (e.kind === 'order_created') {
      seriesId ??= lastPaywallSeries.get(e.userId);
      if (seriesId && e.orderId) orderSeries.set(e.orderId, seriesId);
    }
    if (e.kind === 'paid') seriesId ??= e.orderId ? orderSeries.get(e.orderId) : undefined;
    if (!seriesId || stage === 'launch') continue;
    add(bySeries, seriesId, stage, e.userId);
  }
  return { stages: [...funnelStages], byCampaign: toRows(byCampaign), bySeries: toRows(bySeries) };
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T12:00:00+08:00`); shanghaiDate(d) <= to; d = addDays(d, 1)) days.push(shanghaiDate(d));
  return days;
}

/**
 * Net revenue in fen by Shanghai day and product kind, and by product (pack, plan or series): a
 * payment counts on the day it was granted, a refund is taken off on the day it was refunded.
 */
export function revenue(events: AnalyticsEvent[], from: string, to: string): RevenueOutput {
  const days = daysBetween(from, to);
  const byDay = new Map(days.map((date) => [date, { date, coins: 0, series: 0, membership: 0 }]));
  const byProduct = new Map<string, { product: string; amountFen: number; orders: number; refunds: number }>();
  let totalFen = 0;
  let refundedFen = 0;
  for (const e of events) {
    if ((e.kind !== 'paid' && e.kind !== 'refunded') || !e.amountFen || !e.product) continue;
    const fen = e.kind === 'paid' ? e.amountFen : -e.amountFen;
    const day = byDay.get(shanghaiDate(new Date(e.at)));
    if (day) day[e.product] += fen;
    const key = `${e.product}:${e.sku ?? '?'}`;
    const row = byProduct.get(key) ?? { product: key, amountFen: 0, orders: 0, refunds: 0 };
    row.amountFen += fen;
    if (e.kind === 'paid') row.orders += 1;
    else row.refunds += 1;
    byProduct.set(key, row);
    totalFen += fen;
    if (e.kind === 'refunded') refundedFen += e.amountFen;
  }
  return { days, byDay: [...byDay.values()], byProduct: [...byProduct.values()].sort((a, b) => b.amountFen - a.amountFen), totalFen, refundedFen };
}

/** Reminder sends, opens (taps on a reminder's deep link) and opt-outs (rejects, bans, withdrawals), by kind. */
export function reminders(events: AnalyticsEvent[]): RemindersOutput {
  const rows = new Map(reminderKinds.map((kind) => [kind, { kind, sent: 0, opened: 0, optedOut: 0 }]));
  for (const e of events) {
    const row = e.reminderKind ? rows.get(e.reminderKind) : undefined;
    if (!row) continue;
    if (e.kind === 'reminder_sent') row.sent++;
    else if (e.kind === 'reminder_opened') row.opened++;
    else if (e.kind === 'consent_opted_out') row.optedOut++;
  }
  return { byKind: [...rows.values()] };
}

/** Retention by check-in streak: how many users reached a streak of at least n days (n = 1..max(7, longest)). */
export function retention(events: AnalyticsEvent[]): RetentionOutput {
  const longest = new Map<string, number>();
  for (const e of events) if (e.kind === 'checkin' && e.streak) longest.set(e.userId, Math.max(longest.get(e.userId) ?? 0, e.streak));
  // A loop, not Math.max(...values): spreading one argument per user overflows the stack at ~10^5 users.
  let longestStreak = 0;
  for (const streak of longest.values()) longestStreak = Math.max(longestStreak, streak);
  const top = Math.min(30, Math.max(7, longestStreak));
  const streaks = Array.from({ length: top }, (_, i) => ({ streak: i + 1, users: [...longest.values()].filter((s) => s >= i + 1).length }));
  return { streaks, checkers: longest.size };
}
