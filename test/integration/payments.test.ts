import { generateKeyPairSync } from 'node:crypto';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { signedDouyinRequest, signedWechatRequest } from '../../functions/sandbox/payments';
import { eventually } from '../support/eventually';
import { addSeries } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { buy, requestId } from '../support/pay';
import { useStackEnv } from '../support/use-stack-env';
import { shanghaiDate } from '@drama/shared/calendar';
import { dynamoEvents } from '../../functions/src/adapters/dynamodb-events';
import { refundOrder } from '../../functions/src/domain/orders/settle';
import { settlePorts } from '../../functions/src/wiring/attribution-ports';

const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const identity = ensureSandboxIdentity(stack.dataDir);

let seriesId: string;
let freeEpisodes: number;
let seriesPriceFen: number;
beforeAll(async () => {
  const { items } = (await api('/series')).body;
  ({ id: seriesId, freeEpisodes, seriesPriceFen } = items[0]);
});

const play = (token: string, episode: number, id = seriesId) => api('/play', { body: { seriesId: id, episode }, token });
const wallet = async (token: string) => (await api('/me/wallet', { token })).body;

describe('buying in the sandbox cashier', () => {
  it('buys the whole series (Douyin-style) and the locked episodes play at once', async () => {
    const { token } = await signIn('buyer-series');
    const locked = freeEpisodes + 1;
    expect((await play(token, locked)).status).toBe(402);
    const { order } = await buy(stack.urls, token, { kind: 'series', seriesId });
    expect(order).toMatchObject({ status: 'granted', amountFen: seriesPriceFen });
    expect((await play(token, locked)).status).toBe(200);
    expect((await wallet(token)).seriesOwned).toEqual([seriesId]);
    // Owning it, buying it again is refused.
    const again = await api('/orders', { body: { platform: 'sandbox', requestId: requestId(), product: { kind: 'series', seriesId } }, token });
    expect(again.status).toBe(409);
  });

  it('pays through WeChat virtual payment with verified paySig and a safe-mode push', async () => {
    const { token } = await signIn('buyer-wechat', 'wechat');
    const created = await api('/orders', { body: { platform: 'wechat', requestId: requestId(), product: { kind: 'coins', packId: 'coins-3000' } }, token });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body.payParams.signData)).toMatchObject({ outTradeNo: created.body.orderId, goodsPrice: 3000, currencyType: 'CNY' });
    expect(created.body.payParams.paySig).toMatch(/^[0-9a-f]{64}$/);
    const { order } = await buy(stack.urls, token, { kind: 'coins', packId: 'coins-600' }, 'wechat');
    expect(order.status).toBe('granted');
    expect(await wallet(token)).toMatchObject({ coins: 600, bonusCoins: 0 });
  });

  it('creates one order per requestId, records it once, and refuses the same id for another product', async () => {
    const { token } = await signIn('buyer-idem');
    const id = requestId();
    const first = await api('/orders', { body: { platform: 'sandbox', requestId: id, product: { kind: 'membership', plan: 'month' } }, token });
    const second = await api('/orders', { body: { platform: 'sandbox', requestId: id, product: { kind: 'membership', plan: 'month' } }, token });
    expect(first.status).toBe(201);
    expect(second.body.orderId).toBe(first.body.orderId);
    const today = shanghaiDate(new Date());
    const recorded = (await dynamoEvents.between(today, today)).filter((e) => e.kind === 'order_created' && e.orderId === first.body.orderId);
    expect(recorded).toHaveLength(1);
    const other = await api('/orders', { body: { platform: 'sandbox', requestId: id, product: { kind: 'membership', plan: 'year_auto' } }, token });
    expect(other.status).toBe(409);
    expect((await api(`/orders/${first.body.orderId}`, { token: (await signIn('someone-else')).token })).status).toBe(404);
  });
});

describe('payment notifications', () => {
  /** A pending order, registered with the sandbox but not paid. */
  async function pendingOrder(code: string) {
    const { token } = await signIn(code);
    const created = await api('/orders', { body: { platform: 'sandbox', requestId: requestId(), product: { kind: 'coins', packId: 'coins-600' } }, token });
    return { token, orderId: created.body.orderId as string };
  }
  const payment = (orderId: string, over: Record<string, unknown> = {}) => ({
    msg: JSON.stringify({ app_id: identity.douyin.appId, out_order_no: orderId, order_id: `DY${orderId}`, status: 'SUCCESS', total_amount: 600, ...over }),
    type: 'payment',
    version: '3.0',
  });
  const deliver = (signed: { body: string; headers: Record<string, string> }, body = signed.body) =>
    call(stack.urls.API, '/pay/douyin/notify', { raw: body, headers: signed.headers });

  it('rejects forged, tampered, mismatched, stale, unknown and foreign notifications with 4xx and grants nothing', async () => {
    const { token, orderId } = await pendingOrder('forger');
    const now = new Date();
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const forged = signedDouyinRequest({ ...identity, douyinPlatformPrivateKey: wrongKey.privateKey }, payment(orderId), now);
    const valid = signedDouyinRequest(identity, payment(orderId), now);
    const tamperedBody = valid.body.replace('600', '6');
    const attempts = [
      ['forged signature', await deliver(forged)],
      ['tampered body', await deliver(valid, tamperedBody)],
      ['wrong amount', await deliver(signedDouyinRequest(identity, payment(orderId, { total_amount: 1 }), now))],
      ['stale timestamp', await deliver(signedDouyinRequest(identity, payment(orderId), new Date(now.getTime() - 3600_000)))],
      ['unknown order', await deliver(signedDouyinRequest(identity, payment('DR000000000000000000000000'), now))],
      ['other app id', await deliver(signedDouyinRequest(identity, payment(orderId, { app_id: 'tt-someone-else' }), now))],
      ['no signature', await call(stack.urls.API, '/pay/douyin/notify', { raw: valid.body })],
    ] as const;
    for (const [what, reply] of attempts) {
      expect([what, reply.status >= 400 && reply.status < 500]).toEqual([what, true]);
      expect(reply.body.code).toMatch(/^[A-Z_]+$/);
    }
    const wechatForged = signedWechatRequest({ ...identity, wechat: { ...identity.wechat, token: 'not-the-token' } }, { Event: 'xpay_goods_deliver_notify', OutTradeNo: orderId, GoodsInfo: { ActualPrice: 600 } }, now);
    expect((await call(stack.urls.API, `/pay/wechat/notify?${wechatForged.query}`, { raw: wechatForged.body, headers: wechatForged.headers })).status).toBe(401);

    expect((await api(`/orders/${orderId}`, { token })).body.status).toBe('pending');
    expect(await wallet(token)).toMatchObject({ coins: 0, bonusCoins: 0 });
  });

  it('grants exactly once when one valid notification arrives 50 times at once, and acts on that request only once', async () => {
    const { token, orderId } = await pendingOrder('replayed');
    const signed = signedDouyinRequest(identity, payment(orderId), new Date());
    const replies = await Promise.all(Array.from({ length: 50 }, () => deliver(signed)));
    // One (timestamp, nonce) is accepted once: the copies are refused, none is a 5xx.
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 401 && r.body.code === 'UNAUTHORIZED')).toHaveLength(49);
    expect((await api(`/orders/${orderId}`, { token })).body.status).toBe('granted');
    expect(await wallet(token)).toMatchObject({ coins: 600 });
    const ledger = (await api('/me/ledger', { token })).body.items;
    expect(ledger.filter((row: { ref: string }) => row.ref === orderId)).toHaveLength(1);
  });
});

describe('coins', () => {
  it('lets 100 concurrent unlocks against a balance for 10 unlock exactly 10, down to 0, with a matching ledger', async () => {
    await addSeries(stack, { id: 'coin-stress', episodes: 40, freeEpisodes: 0, episodePriceCoins: 60, seriesPriceFen: 990, mediaKey: `media/${seriesId}/ep-001.mp4` });
    const { token } = await signIn('coin-spender');
    await buy(stack.urls, token, { kind: 'coins', packId: 'coins-600' });
    await eventually(() => api('/series/coin-stress'), (r) => r.status === 200, 'the fixture series in the catalog');

    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => api('/unlocks', { body: { seriesId: 'coin-stress', episode: (i % 40) + 1, requestId: requestId('unlock') }, token })),
    );
    const ok = replies.filter((r) => r.status === 200 && r.body.unlocked);
    const refused = replies.filter((r) => r.status === 402);
    expect(replies.every((r) => r.status === 200 || r.status === 402)).toBe(true);
    expect(refused.every((r) => r.body.code === 'INSUFFICIENT_COINS')).toBe(true);
    const unlockedEpisodes = new Set((await api('/series/coin-stress', { token })).body.episodes.filter((e: { locked: boolean }) => !e.locked).map((e: { index: number }) => e.index));
    expect(unlockedEpisodes.size).toBe(10);
    expect(await wallet(token)).toMatchObject({ coins: 0, bonusCoins: 0 });
    // Every 200 was either the debit of an unlock or a repeat for an episode already unlocked: no debit twice.
    expect(ok.length).toBeGreaterThanOrEqual(10);
    const ledger = (await api('/me/ledger', { token })).body.items as Array<{ reason: string; coinsBefore: number; coinsAfter: number }>;
    const debits = ledger.filter((row) => row.reason === 'unlock');
    expect(debits).toHaveLength(10);
    expect(debits.reduce((sum, row) => sum + row.coinsBefore - row.coinsAfter, 0)).toBe(600);
    expect(ledger.reduce((sum, row) => sum + row.coinsAfter - row.coinsBefore, 0)).toBe(0);
  });

  it('never debits twice for one requestId', async () => {
    await eventually(() => api('/series/coin-stress'), (r) => r.status === 200, 'the fixture series');
    const { token } = await signIn('coin-idem');
    await buy(stack.urls, token, { kind: 'coins', packId: 'coins-600' });
    const id = requestId('unlock');
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => api('/unlocks', { body: { seriesId: 'coin-stress', episode: 7, requestId: id }, token })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(await wallet(token)).toMatchObject({ coins: 540 });
    expect((await play(token, 7, 'coin-stress')).status).toBe(200);
    expect((await play(token, 8, 'coin-stress')).status).toBe(402);
  });
});

describe('refunds', () => {
  it('revokes a refunded series purchase and records the refund once, for the revenue figures', async () => {
    const { token } = await signIn('refunder');
    const locked = freeEpisodes + 2;
    const { orderId } = await buy(stack.urls, token, { kind: 'series', seriesId });
    expect((await play(token, locked)).status).toBe(200);
    expect((await call(stack.urls.SANDBOX, '/refund', { body: { orderId } })).status).toBe(200);
    await eventually(() => api(`/orders/${orderId}`, { token }), (r) => r.body.status === 'refunded', 'order refunded');
    expect((await play(token, locked)).status).toBe(402);
    expect((await wallet(token)).seriesOwned).toEqual([]);

    const today = shanghaiDate(new Date());
    const refunds = async () => (await dynamoEvents.between(today, today)).filter((e) => e.kind === 'refunded' && e.orderId === orderId);
    expect(await refunds()).toEqual([expect.objectContaining({ amountFen: seriesPriceFen, product: 'series', sku: seriesId })]);
    // The platform's notification again (it retries until answered): nothing more is taken or recorded.
    expect((await refundOrder(orderId, { amountFen: seriesPriceFen, by: 'douyin' }, settlePorts)).status).toBe('refunded');
    expect(await refunds()).toHaveLength(1);
    expect((await wallet(token)).seriesOwned).toEqual([]);
  });
});
