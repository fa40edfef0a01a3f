import type { AnalyticsEvent } from '@drama/shared/events';
import {
  attributedClick,
  convert,
  conversionId,
  recordLaunch,
  rememberClicks,
  sweepConversions,
  type AttributionPorts,
  type Click,
  type Conversion,
  type ConversionTarget,
  type TargetResult,
} from './attribution';

/** In-memory ports with the DynamoDB adapters' semantics (conditional put, claim on attempts). */
function memoryPorts(start: Date) {
  let now = start;
  const clicks = new Map<string, Click>();
  const outbox = new Map<string, Conversion>();
  const recorded: AnalyticsEvent[] = [];
  const calls: Array<{ id: string; target: ConversionTarget }> = [];
  let failNext = 0;
  let permanent = false;
  const ports: AttributionPorts = {
    now: () => now,
    windowS: 3600,
    retryDelaysMs: [1000, 5000],
    log: () => undefined,
    events: { record: async (e) => void recorded.push({ at: now.toISOString(), ...e }) },
    store: {
      async saveClick(userId, click) {
        const current = clicks.get(userId);
        if (!current || current.at <= click.at) clicks.set(userId, { ...click, reported: [] });
      },
      lastClick: async (userId) => clicks.get(userId),
      async markReported(userId, clickid, event) {
        const c = clicks.get(userId);
        if (c && c.clickid === clickid && !c.reported.includes(event)) c.reported = [...c.reported, event];
      },
    },
    outbox: {
      async createOnce(c) {
        if (outbox.has(c.id)) return false;
        outbox.set(c.id, structuredClone(c));
        return true;
      },
      get: async (id) => outbox.get(id),
      async claim(id, attempts, at, leaseUntil) {
        const c = outbox.get(id);
        if (!c || c.status !== 'pending' || c.attempts !== attempts || Date.parse(c.nextAt) > at.getTime()) return false;
        outbox.set(id, { ...c, attempts: attempts + 1, nextAt: leaseUntil.toISOString() });
        return true;
      },
      async settle(id, attempts, change, results) {
        const c = outbox.get(id);
        if (!c || c.status !== 'pending' || c.attempts !== attempts) return;
        outbox.set(id, { ...c, ...change, results: [...c.results, ...results] });
      },
      due: async (at) => [...outbox.values()].filter((c) => c.status === 'pending' && Date.parse(c.nextAt) <= at.getTime()),
      ofClick: async (clickid) => [...outbox.values()].filter((c) => c.clickid === clickid),
    },
    platform: {
      targetsFor: (c) => (c.event === 'payment' ? ['oceanengine', 'douyin_playlet'] : ['oceanengine']),
      async report(c, target): Promise<TargetResult> {
        calls.push({ id: c.id, target });
        if (failNext > 0) {
          failNext--;
          return { ok: false, permanent, detail: permanent ? 'refused' : 'HTTP 503' };
        }
        return { ok: true, detail: 'ok' };
      },
    },
  };
  return {
    ports,
    outbox,
    calls,
    recorded,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    failNext: (n: number, isPermanent = false) => {
      failNext = n;
      permanent = isPermanent;
    },
  };
}

const t0 = new Date('2026-11-30T03:00:00Z');
const launch = (clickid?: string) => ({ clickid, campaign: clickid ? 'spring' : undefined, query: {} });

describe('attribution window', () => {
  it('attributes to the last click only while it is inside the window', () => {
    const click: Click = { clickid: 'c1', at: t0.toISOString(), reported: [] };
    expect(attributedClick(click, new Date(t0.getTime() + 3600_000), 3600)).toBe(click);
    expect(attributedClick(click, new Date(t0.getTime() + 3600_001), 3600)).toBeUndefined();
    expect(attributedClick(click, new Date(t0.getTime() - 1), 3600)).toBeUndefined();
    expect(attributedClick(undefined, t0, 3600)).toBeUndefined();
  });

  it('reports nothing for a watch after the window has closed', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('late-click'), m.ports);
    m.advance(3600_000 + 1);
    expect(await convert('u1', 'first_watch', {}, m.ports)).toBeUndefined();
    expect(m.outbox.size).toBe(0);
  });

  it('reports nothing for a user who never launched from an ad', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch(), m.ports);
    expect(await convert('u1', 'first_watch', {}, m.ports)).toBeUndefined();
    expect(m.recorded.map((e) => e.kind)).toEqual(['launch']);
  });

  it('credits the last click: a later launch from another ad takes over', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('first-ad'), m.ports);
    m.advance(60_000);
    await recordLaunch('u1', launch('second-ad'), m.ports);
    const sent = await convert('u1', 'first_watch', {}, m.ports);
    expect(sent).toMatchObject({ clickid: 'second-ad', status: 'sent', attempts: 1 });
  });
});

describe('deduplication', () => {
  it('reports the first watch and the first paid episode once per click, however often the user plays', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    for (let i = 0; i < 3; i++) {
      await convert('u1', 'first_watch', { seriesId: 's', episode: i + 1 }, m.ports);
      await convert('u1', 'first_paid_episode', { seriesId: 's', episode: 4 }, m.ports);
    }
    expect([...m.outbox.keys()].sort()).toEqual([conversionId('c1', 'first_paid_episode', '-'), conversionId('c1', 'first_watch', '-')]);
    expect(m.calls).toHaveLength(2);
  });

  it('reports each payment once, by its order id, to every target', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    await convert('u1', 'payment', { ref: 'ORDER1', orderId: 'ORDER1', amountFen: 600, product: 'coins' }, m.ports);
    await convert('u1', 'payment', { ref: 'ORDER1', orderId: 'ORDER1', amountFen: 600, product: 'coins' }, m.ports);
    await convert('u1', 'payment', { ref: 'ORDER2', orderId: 'ORDER2', amountFen: 990, product: 'coins' }, m.ports);
    expect(m.outbox.size).toBe(2);
    expect(m.calls.map((c) => `${c.id}>${c.target}`).sort()).toEqual([
      'c1|payment|ORDER1>douyin_playlet',
      'c1|payment|ORDER1>oceanengine',
      'c1|payment|ORDER2>douyin_playlet',
      'c1|payment|ORDER2>oceanengine',
    ]);
  });
});

describe('retries', () => {
  it('keeps a refused conversion pending with backoff, and the sweep delivers it once the platform recovers', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    m.failNext(2);
    const first = await convert('u1', 'first_watch', {}, m.ports);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, nextAt: new Date(t0.getTime() + 1000).toISOString() });

    expect(await sweepConversions(m.ports)).toEqual({ due: 0, sent: 0, failed: 0 });
    m.advance(1000);
    expect(await sweepConversions(m.ports)).toMatchObject({ due: 1, sent: 0 });
    m.advance(5000);
    expect(await sweepConversions(m.ports)).toMatchObject({ due: 1, sent: 1 });
    const stored = m.outbox.get(conversionId('c1', 'first_watch', '-'))!;
    expect(stored).toMatchObject({ status: 'sent', attempts: 3 });
    expect(stored.results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(await sweepConversions(m.ports)).toEqual({ due: 0, sent: 0, failed: 0 });
  });

  it('gives up after the last retry, and at once on a permanent refusal', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    m.failNext(10);
    await convert('u1', 'first_watch', {}, m.ports);
    m.advance(1000);
    await sweepConversions(m.ports);
    m.advance(5000);
    expect(await sweepConversions(m.ports)).toMatchObject({ failed: 1 });
    expect(m.outbox.get(conversionId('c1', 'first_watch', '-'))).toMatchObject({ status: 'failed', attempts: 3 });

    m.failNext(1, true);
    expect(await convert('u1', 'first_paid_episode', {}, m.ports)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('retries only the targets that did not take it', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    m.failNext(1);
    const first = await convert('u1', 'payment', { ref: 'O1', product: 'membership' }, m.ports);
    expect(first?.targets).toEqual({ oceanengine: 'pending', douyin_playlet: 'sent' });
    m.advance(1000);
    await sweepConversions(m.ports);
    expect(m.calls.map((c) => c.target)).toEqual(['oceanengine', 'douyin_playlet', 'oceanengine']);
    expect(m.outbox.get('c1|payment|O1')).toMatchObject({ status: 'sent', targets: { oceanengine: 'sent', douyin_playlet: 'sent' } });
  });

  it('lets one attempt be claimed by one sweeper only', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', launch('c1'), m.ports);
    m.failNext(1);
    await convert('u1', 'first_watch', {}, m.ports);
    m.advance(1000);
    const [a, b] = await Promise.all([sweepConversions(m.ports), sweepConversions(m.ports)]);
    expect(a.sent + b.sent).toBe(1);
    expect(m.calls).toHaveLength(2);
  });
});

describe('launch', () => {
  it('records a reminder open with the launch', async () => {
    const m = memoryPorts(t0);
    await recordLaunch('u1', { query: { rk: 'checkin' }, reminder: 'checkin' }, m.ports);
    expect(m.recorded.map((e) => [e.kind, e.reminderKind])).toEqual([
      ['launch', undefined],
      ['reminder_opened', 'checkin'],
    ]);
  });
});

describe('rememberClicks', () => {
  it('reads a user\'s click once per window, keeps queued conversions in mind, and forgets on a new launch', async () => {
    const m = memoryPorts(t0);
    let reads = 0;
    const inner = m.ports.store;
    let t = 0;
    const store = rememberClicks({ ...inner, lastClick: (u) => (reads++, inner.lastClick(u)) }, 1000, () => t);
    const ports = { ...m.ports, store };
    await recordLaunch('u1', launch('c1'), ports);
    await convert('u1', 'first_watch', {}, ports);
    await convert('u1', 'first_watch', {}, ports);
    await convert('u1', 'first_watch', {}, ports);
    expect(reads).toBe(1);
    expect(m.calls).toHaveLength(1);
    await recordLaunch('u1', launch('c2'), ports);
    await convert('u1', 'first_watch', {}, ports);
    expect(reads).toBe(2);
    expect(m.outbox.has(conversionId('c2', 'first_watch', '-'))).toBe(true);
    t = 1000;
    await store.lastClick('u1');
    expect(reads).toBe(3);
  });
});
