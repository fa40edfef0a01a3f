import { eventually } from '../support/eventually';
import { runJob } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { shanghaiDate } from '@drama/shared/calendar';
import { dynamoEvents } from '../../functions/src/adapters/dynamodb-events';
import { dynamoOrders } from '../../functions/src/adapters/dynamodb-orders';
import { reportGranted } from '../../functions/src/domain/orders/reports';
import { sweepPaidOrders } from '../../functions/src/domain/orders/settle';
import { settlePorts } from '../../functions/src/wiring/attribution-ports';
import { buy, requestId } from '../support/pay';
import { useStackEnv } from '../support/use-stack-env';

/**
 * Attribution through the API: a launch with an ad click, then watching and paying, reported to the
 * sandbox's ad platforms once per click and event (a payment once per order); a platform that fails
 * is retried by the sweepConversions job until it takes the conversion.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const sandbox = (path: string, body?: unknown) => call(stack.urls.SANDBOX, path, body === undefined ? {} : { body });

interface Received {
  platform: string;
  eventType: string;
  callback: string;
  accepted: boolean;
  body: Record<string, any>;
}
const received = async (clickid: string, accepted = true) =>
  (await sandbox(`/conversions?callback=${encodeURIComponent(clickid)}&accepted=${accepted}`)).body.items as Received[];
const operator = async () => (await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } })).body.token as string;
const uniqueClick = (tag: string) => `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let series: { id: string; freeEpisodes: number; episodeCount: number; seriesPriceFen: number };
beforeAll(async () => {
  series = (await api('/series')).body.items.find((s: typeof series) => s.freeEpisodes > 0 && s.episodeCount > s.freeEpisodes);
});

describe('POST /attribution/launch', () => {
  it('takes a launch with or without a click, and refuses bad input with 400 and anonymous callers with 401', async () => {
    const { token } = await signIn('launch-shapes');
    expect((await api('/attribution/launch', { body: { query: {} }, token })).body).toEqual({ attributed: false });
    expect((await api('/attribution/launch', { body: { clickid: uniqueClick('shape'), campaign: 'c', channel: 'douyin', query: { clickid: 'x' } }, token })).body).toEqual({ attributed: true });
    expect((await api('/attribution/launch', { body: { query: {} } })).status).toBe(401);
    for (const body of [{}, { query: { a: 1 } }, { query: {}, clickid: '' }, { query: {}, clickid: 'has space' }, { query: {}, extra: true }, { query: {}, reminder: 'spam' }]) {
      const r = await api('/attribution/launch', { body, token });
      expect([r.status, r.body.code]).toEqual([400, 'BAD_REQUEST']);
    }
  });
});

describe('conversions', () => {
  it('reports the first watch, the first paid episode and each payment once per click, to the ad platform', async () => {
    const clickid = uniqueClick('ad');
    const viewer = await signIn(`attributed-${clickid}`);
    await api('/attribution/launch', { body: { clickid, campaign: 'spring-sale', channel: 'douyin', query: { clickid, campaign: 'spring-sale' } }, token: viewer.token });

    for (const episode of [1, 1, series.freeEpisodes]) expect((await api('/play', { body: { seriesId: series.id, episode }, token: viewer.token })).status).toBe(200);
    const watched = await eventually(() => received(clickid), (r) => r.length >= 1, 'the first watch at the ad platform');
    expect(watched.map((r) => [r.platform, r.eventType])).toEqual([['oceanengine', 'active']]);
    expect(watched[0].body).toMatchObject({ event_type: 'active', context: { ad: { callback: clickid } }, timestamp: expect.any(Number) });

    const { orderId } = await buy(stack.urls, viewer.token, { kind: 'series', seriesId: series.id });
    expect((await api('/play', { body: { seriesId: series.id, episode: series.freeEpisodes + 1 }, token: viewer.token })).status).toBe(200);
    expect((await api('/play', { body: { seriesId: series.id, episode: series.freeEpisodes + 1 }, token: viewer.token })).status).toBe(200);
    await buy(stack.urls, viewer.token, { kind: 'coins', packId: 'coins-600' });

    const all = await eventually(() => received(clickid), (r) => r.length >= 5, 'every conversion at the ad platforms');
    expect(all.map((r) => `${r.platform}:${r.eventType}`).sort()).toEqual([
      'douyin_playlet:coin_change',
      'oceanengine:active',
      'oceanengine:active_pay',
      'oceanengine:active_pay',
      'oceanengine:game_addiction',
    ]);
    const playlet = all.find((r) => r.platform === 'douyin_playlet')!;
    expect(JSON.parse(playlet.body.properties)).toMatchObject({ benefit_type: 'coin', order_id: expect.any(String) });

    // The API's own record: one conversion per click and event, a payment per order, each sent.
    const recorded = (await api(`/admin/conversions?clickid=${encodeURIComponent(clickid)}`, { token: await operator() })).body.items as Array<{ event: string; ref: string; status: string }>;
    expect(recorded.map((c) => `${c.event}:${c.status}`).sort()).toEqual(['first_paid_episode:sent', 'first_watch:sent', 'payment:sent', 'payment:sent']);
    expect(recorded.some((c) => c.ref === orderId)).toBe(true);
  });

  it('re-drives a payment\'s paid event and conversion that a crash right after the grant left unwritten, once', async () => {
    const clickid = uniqueClick('crash');
    const viewer = await signIn(`crash-${clickid}`);
    await api('/attribution/launch', { body: { clickid, campaign: 'crash', channel: 'douyin', query: {} }, token: viewer.token });
    const { orderId } = (await api('/orders', { body: { platform: 'sandbox', requestId: requestId(), product: { kind: 'coins', packId: 'coins-600' } }, token: viewer.token })).body;
    // The confirmation's writes as far as the grant, then the process died.
    const now = () => new Date().toISOString();
    expect(await dynamoOrders.transition(orderId, 'pending', 'paid', { paidAt: now(), platformOrderId: `crash-${orderId}` })).toBe(true);
    expect(await dynamoOrders.transition(orderId, 'paid', 'granted', { grantedAt: now() })).toBe(true);
    expect((await dynamoOrders.listUnreportedBefore(new Date(), 1000)).map((o) => o.orderId)).toContain(orderId);

    const paidEvents = async () => (await dynamoEvents.between(shanghaiDate(new Date()), shanghaiDate(new Date()))).filter((e) => e.kind === 'paid' && e.orderId === orderId);
    expect(await paidEvents()).toHaveLength(0);

    // The sweepOrders job's work (it takes orders over a minute old; this one is seconds old), twice, after
    // a report that wrote the event and conversion but died before marking the order reported.
    await reportGranted((await dynamoOrders.get(orderId))!, settlePorts);
    await sweepPaidOrders(new Date(Date.now() + 1000), settlePorts);
    await sweepPaidOrders(new Date(Date.now() + 1000), settlePorts);
    const order = (await dynamoOrders.get(orderId))!;
    expect(await paidEvents()).toEqual([expect.objectContaining({ at: order.grantedAt, amountFen: order.amountFen })]);
    expect(order.reportedAt).toEqual(expect.any(String));
    expect((await dynamoOrders.listUnreportedBefore(new Date(), 1000)).map((o) => o.orderId)).not.toContain(orderId);
    const sent = await eventually(() => received(clickid), (r) => r.some((c) => c.eventType === 'active_pay'), 'the payment at the ad platform');
    expect(sent.filter((c) => c.eventType === 'active_pay')).toHaveLength(1);
  });

  it('reports nothing for a viewer who did not come from an ad', async () => {
    const viewer = await signIn(`organic-${Date.now()}`);
    const before = (await sandbox('/conversions')).body.items.length;
    await api('/attribution/launch', { body: { channel: 'search', query: {} }, token: viewer.token });
    expect((await api('/play', { body: { seriesId: series.id, episode: 1 }, token: viewer.token })).status).toBe(200);
    await buy(stack.urls, viewer.token, { kind: 'coins', packId: 'coins-600' });
    expect((await sandbox('/conversions')).body.items.length).toBe(before);
  });

  it('retries a conversion the ad platform refused, with backoff, until it is taken', async () => {
    const clickid = uniqueClick('flaky');
    const viewer = await signIn(`flaky-${clickid}`);
    await api('/attribution/launch', { body: { clickid, campaign: 'retry', query: {} }, token: viewer.token });
    await sandbox('/control/fail-conversions', { count: 2, status: 503 });

    expect((await api('/play', { body: { seriesId: series.id, episode: 1 }, token: viewer.token })).status).toBe(200);
    expect(await received(clickid, false)).toHaveLength(1);
    expect(await received(clickid, true)).toHaveLength(0);

    // The sweep job re-drives it once its backoff has passed: one more refusal, then success.
    await eventually(
      async () => {
        await runJob(stack, 'sweepConversions');
        return received(clickid, true);
      },
      (r) => r.length === 1,
      'the conversion taken after the retries',
    );
    expect(await received(clickid, false)).toHaveLength(2);
    const [conversion] = (await api(`/admin/conversions?clickid=${encodeURIComponent(clickid)}`, { token: await operator() })).body.items;
    expect(conversion).toMatchObject({ event: 'first_watch', status: 'sent', attempts: 3 });
    expect(conversion.results.map((r: { ok: boolean }) => r.ok)).toEqual([false, false, true]);

    // Sent conversions are never sent again.
    await runJob(stack, 'sweepConversions');
    expect(await received(clickid, true)).toHaveLength(1);
  });
});
