import type { AttributionLaunchInput, ConversionEvent } from '@drama/shared/attribution';
import type { EventSink } from '../events/events';

/**
 * Attribution: the last ad click a user launched the app from, and the conversions it earns.
 *
 * A conversion is an outbox item, created once per (click, event, reference) by a conditional put —
 * the reference is the order id for payments and "-" for the first watch and the first paid episode —
 * and then driven by `driveConversion` through a re-drivable state machine (DynamoDB Local has no
 * transactions and no TTL, so every step is one conditional write to that one item):
 *
 *   pending(attempts=n) ──claim: attempts=n+1, nextAt=now+lease──▶ (call the platform)
 *       ├─ every target took it ─────────────▶ sent
 *       ├─ failed, retries left ─────────────▶ pending, nextAt = now + delay[n]
 *       └─ failed for good / no retries left ─▶ failed
 *
 * A crash after a claim leaves the item pending with nextAt at the lease's end, so the sweep picks it
 * up again; the claim's condition on `attempts` keeps two sweepers from sending the same attempt.
 */
export interface Click {
  clickid: string;
  campaign?: string;
  channel?: string;
  at: string;
  /** Conversions already queued for this click (first watch, first paid episode). */
  reported: ConversionEvent[];
}

export type ConversionTarget = 'oceanengine' | 'douyin_playlet';

export interface Conversion {
  id: string;
  clickid: string;
  event: ConversionEvent;
  /** The order id for a payment; "-" otherwise. */
  ref: string;
  userId: string;
  campaign?: string;
  seriesId?: string;
  episode?: number;
  orderId?: string;
  amountFen?: number;
  product?: 'coins' | 'series' | 'membership';
  sku?: string;
  occurredAt: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAt: string;
  targets: Partial<Record<ConversionTarget, 'pending' | 'sent' | 'skipped'>>;
  results: Array<{ at: string; target: ConversionTarget; ok: boolean; detail: string }>;
}

export interface AttributionStore {
  /** Keeps the user's latest click (a later click replaces an earlier one). */
  saveClick(userId: string, click: Omit<Click, 'reported'>): Promise<void>;
  lastClick(userId: string): Promise<Click | undefined>;
  /** Notes that `event` was queued for this click, so later plays skip the outbox write. */
  markReported(userId: string, clickid: string, event: ConversionEvent): Promise<void>;
}

export interface ConversionOutbox {
  /** Creates the conversion unless one with its (click, event, ref) exists: false when it did. */
  createOnce(conversion: Conversion): Promise<boolean>;
  get(id: string): Promise<Conversion | undefined>;
  /** pending with `attempts` → attempts+1 and nextAt = leaseUntil; false when someone else moved it. */
  claim(id: string, attempts: number, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Records one attempt's outcome on the claimed item (attempts must still be `attempts`). */
  settle(id: string, attempts: number, change: Pick<Conversion, 'status' | 'nextAt' | 'targets'>, results: Conversion['results']): Promise<void>;
  /** Pending conversions due at `now`, oldest first. */
  due(now: Date, limit: number): Promise<Conversion[]>;
  /** Everything recorded for a click (operators, tests). */
  ofClick(clickid: string): Promise<Conversion[]>;
}

export type TargetResult = { ok: true; detail: string } | { ok: false; permanent: boolean; detail: string };

/** The one ad-platform adapter: reports one conversion to one target. */
export interface ConversionPlatform {
  targetsFor(conversion: Conversion): ConversionTarget[];
  /** Gives up after `timeoutMs` (a transient failure: the sweep tries again). */
  report(conversion: Conversion, target: ConversionTarget, timeoutMs: number): Promise<TargetResult>;
}

export interface AttributionPorts {
  store: AttributionStore;
  outbox: ConversionOutbox;
  platform: ConversionPlatform;
  events: EventSink;
  now: () => Date;
  windowS: number;
  retryDelaysMs: readonly number[];
  log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The click store with a per-container memory of each user's last click for `ttlMs`, so a viewer's
 * plays cost no extra read. Queued conversions update the memory; a launch served by another
 * container is seen once the memory expires (the app reports the launch before its first play).
 */
export function rememberClicks(store: AttributionStore, ttlMs: number, now: () => number = Date.now, maxUsers = 10_000): AttributionStore {
  const memory = new Map<string, { at: number; click: Click | undefined }>();
  const remember = (userId: string, click: Click | undefined) => {
    memory.delete(userId);
    memory.set(userId, { at: now(), click });
    if (memory.size > maxUsers) memory.delete(memory.keys().next().value as string);
  };
  return {
    async saveClick(userId, click) {
      memory.delete(userId);
      await store.saveClick(userId, click);
    },
    async lastClick(userId) {
      const known = memory.get(userId);
      if (known && now() - known.at < ttlMs) return known.click && { ...known.click, reported: [...known.click.reported] };
      const click = await store.lastClick(userId);
      remember(userId, click);
      return click;
    },
    async markReported(userId, clickid, event) {
      const known = memory.get(userId);
      if (known?.click?.clickid === clickid && !known.click.reported.includes(event)) known.click.reported.push(event);
      await store.markReported(userId, clickid, event);
    },
  };
}

export const conversionId = (clickid: string, event: ConversionEvent, ref: string) => `${clickid}|${event}|${ref}`;

/** A lease long enough for one attempt's platform calls; a crashed attempt is retried after it. */
const leaseMs = 30_000;

/**
 * How long one platform call may take. The first attempt runs inside a viewer's request (a play, a
 * payment poll), so it gets a short budget and a slow ad platform costs the viewer at most that;
 * the sweep job, where nobody waits, allows longer.
 */
export const sendTimeoutMs = { inline: 1_000, sweep: 5_000 } as const;

/** Records a launch: always an event; a click (when the launch carried one) becomes the user's last click. */
export async function recordLaunch(userId: string, input: AttributionLaunchInput, ports: Pick<AttributionPorts, 'store' | 'events' | 'now'>): Promise<{ attributed: boolean }> {
  const at = ports.now().toISOString();
  const writes: Array<Promise<void>> = [
    ports.events.record({ kind: 'launch', at, userId, clickid: input.clickid, campaign: input.campaign, channel: input.channel, seriesId: seriesOf(input.query) }),
  ];
  if (input.reminder) writes.push(ports.events.record({ kind: 'reminder_opened', at, userId, reminderKind: input.reminder, seriesId: seriesOf(input.query) }));
  if (input.clickid) writes.push(ports.store.saveClick(userId, { clickid: input.clickid, campaign: input.campaign, channel: input.channel, at }));
  await Promise.all(writes);
  return { attributed: Boolean(input.clickid) };
}

function seriesOf(query: Record<string, string>): string | undefined {
  const id = query.seriesId;
  return id && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : undefined;
}

/** The click a conversion at `at` is attributed to: the last one, if it is inside the window. */
export function attributedClick(click: Click | undefined, at: Date, windowS: number): Click | undefined {
  if (!click) return undefined;
  const age = at.getTime() - Date.parse(click.at);
  return age >= 0 && age <= windowS * 1000 ? click : undefined;
}

/**
 * A conversion happened (a watch, a paid episode, a payment): if the user's last click is inside the
 * window, queue it once and try it at once; failures are left to the sweep. Never throws: reporting to
 * the ad platform must not fail the viewer's request.
 */
export async function convert(
  userId: string,
  event: ConversionEvent,
  detail: { ref?: string; seriesId?: string; episode?: number; orderId?: string; amountFen?: number; product?: Conversion['product']; sku?: string },
  ports: AttributionPorts,
  /** The user's last click, when the caller already started reading it (the play path does, in parallel). */
  lastClick: Promise<Click | undefined> = ports.store.lastClick(userId),
  /** When it happened, if not now (a payment re-driven after a crash): the attribution window counts to it. */
  occurredAt: Date = ports.now(),
): Promise<Conversion | undefined> {
  try {
    const now = ports.now();
    const click = attributedClick(await lastClick, occurredAt, ports.windowS);
    if (!click) return undefined;
    if (event !== 'payment' && click.reported.includes(event)) return undefined;
    const ref = detail.ref ?? '-';
    const conversion: Conversion = {
      id: conversionId(click.clickid, event, ref),
      clickid: click.clickid,
      event,
      ref,
      userId,
      campaign: click.campaign,
      ...detail,
      occurredAt: occurredAt.toISOString(),
      status: 'pending',
      attempts: 0,
      nextAt: now.toISOString(),
      targets: {},
      results: [],
    };
    conversion.targets = Object.fromEntries(ports.platform.targetsFor(conversion).map((t) => [t, 'pending']));
    const created = await ports.outbox.createOnce(conversion);
    if (event !== 'payment') await ports.store.markReported(userId, click.clickid, event);
    if (!created) return undefined;
    ports.log('conversion queued', { id: conversion.id, userId });
    return await driveConversion(conversion, ports, sendTimeoutMs.inline);
  } catch (error) {
    ports.log('conversion not queued', { userId, event, error: (error as Error).message });
    return undefined;
  }
}

/** One attempt at a pending conversion: claim it, call each target not yet sent, record the outcome. */
export async function driveConversion(conversion: Conversion, ports: AttributionPorts, timeoutMs: number = sendTimeoutMs.sweep): Promise<Conversion> {
  const now = ports.now();
  if (conversion.status !== 'pending' || Date.parse(conversion.nextAt) > now.getTime()) return conversion;
  const attempt = conversion.attempts + 1;
  if (!(await ports.outbox.claim(conversion.id, conversion.attempts, now, new Date(now.getTime() + leaseMs)))) return conversion;

  const targets = { ...conversion.targets };
  const results: Conversion['results'] = [];
  let permanent = false;
  for (const [target, state] of Object.entries(targets) as Array<[ConversionTarget, string]>) {
    if (state !== 'pending') continue;
    const result = await ports.platform.report(conversion, target, timeoutMs).catch((error: Error): TargetResult => ({ ok: false, permanent: false, detail: error.message }));
    results.push({ at: ports.now().toISOString(), target, ok: result.ok, detail: result.detail.slice(0, 300) });
    if (result.ok) targets[target] = 'sent';
    else if (result.permanent) permanent = true;
  }
  const done = Object.values(targets).every((s) => s !== 'pending');
  const retriesLeft = attempt <= ports.retryDelaysMs.length && !permanent;
  const status: Conversion['status'] = done ? 'sent' : retriesLeft ? 'pending' : 'failed';
  const nextAt = status === 'pending' ? new Date(ports.now().getTime() + ports.retryDelaysMs[attempt - 1]).toISOString() : conversion.nextAt;
  await ports.outbox.settle(conversion.id, attempt, { status, nextAt, targets }, results);
  ports.log(`conversion ${status}`, { id: conversion.id, attempt, results });
  return { ...conversion, status, nextAt, targets, attempts: attempt, results: [...conversion.results, ...results] };
}

/** The sweep job: drives every due pending conversion once. */
export async function sweepConversions(ports: AttributionPorts, limit = 100): Promise<{ due: number; sent: number; failed: number }> {
  const due = await ports.outbox.due(ports.now(), limit);
  let sent = 0;
  let failed = 0;
  for (const conversion of due) {
    const after = await driveConversion(conversion, ports);
    if (after.status === 'sent') sent++;
    if (after.status === 'failed') failed++;
  }
  return { due: due.length, sent, failed };
}
