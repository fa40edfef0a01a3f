import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expireItems } from '../../functions/local/expire';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { dynamoNotificationReplays } from '../../functions/src/adapters/dynamodb-notification-replays';
import { paymentPayload, refundPayload, signedDouyinRequest, signedWechatRequest } from '../../functions/sandbox/payments';
import type { SandboxOrder } from '../../functions/sandbox/state';
import { apiClient } from '../support/http';
import { buy, requestId } from '../support/pay';
import { useStackEnv } from '../support/use-stack-env';
import { mutations, send, wireOf, type Mutation, type NonceAt, type Wire } from '../support/wire';

/**
 * The hostile suite for payment notifications, against the integration stack: serverless-offline
 * on the real serverless.yml, dynalite, and notifications signed by the sandbox platform's own
 * signers with its generated keys (the API only verifies). Every kind of notification is one row of
 * the table below; each genuine notification is run through every mutation (each platform header,
 * query parameter and body field dropped, duplicated and re-encoded; the nonce swapped; sent to
 * another platform's route; signed outside the window; sent by the other platform; replayed as it
 * is), and the suite asserts that none of them grants or refunds anything and none is a 5xx.
 * A new kind of notification joins by adding a row.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const identity = ensureSandboxIdentity(stack.dataDir);
const windowS = Number(stack.apiEnv.NOTIFY_WINDOW_S ?? 300);

/** What a notification is about: an order, its owner, and what the platform knows of it. */
interface Target {
  token: string;
  order: { orderId: string; amountFen: number; platform: 'douyin' | 'wechat' };
}

interface NotificationKind {
  name: string;
  platform: 'douyin' | 'wechat';
  route: string;
  nonce: NonceAt;
  /** Headers the platform neither signs nor gives meaning (a trace id): see `mutations`. */
  traceOnly?: string[];
  /** A fresh target the notification would change: a pending order for a payment, a granted one for a refund. */
  arrange(code: string): Promise<Target>;
  /** The genuine notification about `order`, signed by the platform at `at`. */
  sign(order: Target['order'], at: Date): Wire;
  /** The state a genuine notification moves the target to. */
  moves: 'granted' | 'refunded';
  /** Kind-specific attacks beyond the generic mutations. */
  extra?: (order: Target['order'], genuine: Wire) => Mutation[];
}

/** The order as platform `platform` knows it: a notification kind always speaks its own platform's format, whichever order it names. */
const sandboxOrder = (order: Target['order'], platform: 'douyin' | 'wechat', over: Partial<SandboxOrder> = {}): SandboxOrder => ({
  outOrderNo: order.orderId,
  platform,
  platformOrderId: `PF${order.orderId}`,
  amountFen: order.amountFen,
  notifyUrl: '',
  status: 'paid',
  openId: 'o_hostile',
  productId: 'sku',
  createdAt: new Date().toISOString(),
  ...over,
});
const douyinWire = (payload: Record<string, unknown>, at: Date) => wireOf('/pay/douyin/notify', signedDouyinRequest(identity, payload, at));
const wechatWire = (event: Record<string, unknown>, at: Date) => wireOf('/pay/wechat/notify', signedWechatRequest(identity, event, at));

/** A pending order of `product` on `platform`, by a viewer signed in there. */
async function pending(code: string, platform: 'douyin' | 'wechat', product: Record<string, unknown>): Promise<Target> {
  const { token } = await signIn(code, platform);
  const created = await api('/orders', { body: { platform, requestId: requestId('hostile'), product }, token });
  expect(created.status).toBe(201);
  return { token, order: { orderId: created.body.orderId, amountFen: created.body.amountFen, platform } };
}

/** A granted order, bought through the sandbox cashier. */
async function granted(code: string, platform: 'douyin' | 'wechat', product: Record<string, unknown>): Promise<Target> {
  const { token } = await signIn(code, platform);
  const { orderId, order } = await buy(stack.urls, token, product, platform);
  return { token, order: { orderId, amountFen: order.amountFen, platform } };
}

const coins = { kind: 'coins', packId: 'coins-600' };
const membership = { kind: 'membership', plan: 'month' };

const kinds: NotificationKind[] = [
  {
    name: 'Douyin payment',
    platform: 'douyin',
    route: '/pay/douyin/notify',
    nonce: { in: 'header', name: 'Byte-Nonce-Str' },
    traceOnly: ['Byte-Logid'],
    moves: 'granted',
    arrange: (code) => pending(code, 'douyin', coins),
    sign: (order, at) => douyinWire(paymentPayload(identity, sandboxOrder(order, 'douyin'), at), at),
  },
  {
    name: 'Douyin refund',
    platform: 'douyin',
    route: '/pay/douyin/notify',
    nonce: { in: 'header', name: 'Byte-Nonce-Str' },
    traceOnly: ['Byte-Logid'],
    moves: 'refunded',
    arrange: (code) => granted(code, 'douyin', coins),
    sign: (order, at) => douyinWire(refundPayload(identity, sandboxOrder(order, 'douyin'), at), at),
  },
  {
    name: 'WeChat goods delivery',
    platform: 'wechat',
    route: '/pay/wechat/notify',
    nonce: { in: 'query', name: 'nonce' },
    moves: 'granted',
    arrange: (code) => pending(code, 'wechat', membership),
    sign: (order, at) => wechatWire(paymentPayload(identity, sandboxOrder(order, 'wechat', { mode: 'short_series_goods' }), at), at),
    extra: (order, genuine) => {
      const event = paymentPayload(identity, sandboxOrder(order, 'wechat', { mode: 'short_series_goods' }), new Date());
      return [
        // The review's downgrade: the genuine safe-mode query (its plain `signature` covers no body) with a body of one's own.
        { name: 'plain-mode body under the genuine query', wire: { ...genuine, body: JSON.stringify(event) } },
        { name: 'plain-mode body with encrypt_type and msg_signature removed', wire: { ...genuine, query: genuine.query.filter(([k]) => k !== 'encrypt_type' && k !== 'msg_signature'), body: JSON.stringify(event) } },
        { name: 'plain fields beside the genuine Encrypt', wire: { ...genuine, body: JSON.stringify({ ...JSON.parse(genuine.body), ...event }) } },
      ];
    },
  },
  {
    name: 'WeChat coin payment',
    platform: 'wechat',
    route: '/pay/wechat/notify',
    nonce: { in: 'query', name: 'nonce' },
    moves: 'granted',
    arrange: (code) => pending(code, 'wechat', coins),
    sign: (order, at) => wechatWire(paymentPayload(identity, sandboxOrder(order, 'wechat', { mode: 'short_series_coin' }), at), at),
  },
  {
    name: 'WeChat refund',
    platform: 'wechat',
    route: '/pay/wechat/notify',
    nonce: { in: 'query', name: 'nonce' },
    moves: 'refunded',
    arrange: (code) => granted(code, 'wechat', coins),
    sign: (order, at) => wechatWire(refundPayload(identity, sandboxOrder(order, 'wechat'), at), at),
  },
];

/** What a notification could change: the order's state and the owner's wallet. */
async function stateOf(target: Target) {
  const [order, wallet] = await Promise.all([api(`/orders/${target.order.orderId}`, { token: target.token }), api('/me/wallet', { token: target.token })]);
  return { status: order.body.status, coins: wallet.body.coins, bonusCoins: wallet.body.bonusCoins, membership: wallet.body.membership ?? null, seriesOwned: wallet.body.seriesOwned };
}

/** Delivers each attack; returns those that were not a clean 4xx `{code, message}`. */
async function deliverAll(attacks: Mutation[]): Promise<string[]> {
  const answered: string[] = [];
  for (const attack of attacks) {
    const reply = await send(stack.urls.API, attack.wire);
    const refused = reply.status >= 400 && reply.status < 500 && typeof reply.body?.code === 'string' && typeof reply.body?.message === 'string';
    if (!refused) answered.push(`${attack.name}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 100)}`);
  }
  return answered;
}

describe.each(kinds.map((k) => [k.name, k] as const))('%s notifications', (_name, kind) => {
  it('grant or refund nothing, and never answer 5xx, under every mutation', async () => {
    const target = await kind.arrange(`hostile-${kind.name}`);
    const before = await stateOf(target);
    const now = new Date();
    const genuine = kind.sign(target.order, now);
    const attacks: Mutation[] = [
      ...mutations(genuine, kind.nonce, kind.traceOnly),
      ...[...new Set(kinds.map((k) => k.route))].filter((r) => r !== kind.route).map((route) => ({ name: `sent to ${route}`, wire: { ...genuine, path: route } })),
      { name: 'signed before the window', wire: kind.sign(target.order, new Date(now.getTime() - (windowS + 60) * 1000)) },
      { name: 'signed after the window', wire: kind.sign(target.order, new Date(now.getTime() + (windowS + 60) * 1000)) },
      ...(kind.extra?.(target.order, genuine) ?? []),
    ];
    expect(attacks.length).toBeGreaterThan(15);
    expect(await deliverAll(attacks)).toEqual([]);
    expect(await stateOf(target)).toEqual(before);
    // The genuine one, never delivered above, still works: the refusals were about the mutations.
    expect((await send(stack.urls.API, genuine)).status).toBe(200);
    expect((await stateOf(target)).status).toBe(kind.moves);
  });

  it('acts on a notification once: the same timestamp and nonce again is refused, whatever it says', async () => {
    const target = await kind.arrange(`replayed-${kind.name}`);
    const genuine = kind.sign(target.order, new Date());
    expect((await send(stack.urls.API, genuine)).status).toBe(200);
    const after = await stateOf(target);
    expect(after.status).toBe(kind.moves);
    expect(await deliverAll([{ name: 'replayed as it is', wire: genuine }])).toEqual([]);
    expect(await stateOf(target)).toEqual(after);
  });

  it("is refused when the other platform sends it about this platform's order", async () => {
    const target = await kind.arrange(`crossed-${kind.name}`);
    const before = await stateOf(target);
    const others = kinds.filter((k) => k.platform !== kind.platform && k.moves === kind.moves);
    expect(others.length).toBeGreaterThan(0);
    const attacks = others.map((other) => ({ name: `${other.name} about a ${kind.platform} order`, wire: other.sign(target.order, new Date()) }));
    expect(await deliverAll(attacks)).toEqual([]);
    expect(await stateOf(target)).toEqual(before);
  });
});

describe('the platforms retrying a notification', () => {
  it('grants once when the platform delivers the same payment 20 times at once, each delivery signed afresh', async () => {
    const target = await kinds[0].arrange('retried-douyin');
    const replies = await Promise.all(Array.from({ length: 20 }, () => send(stack.urls.API, kinds[0].sign(target.order, new Date()))));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const ledger = (await api('/me/ledger', { token: target.token })).body.items as Array<{ ref: string }>;
    expect(ledger.filter((row) => row.ref === target.order.orderId)).toHaveLength(1);
    expect(await stateOf(target)).toMatchObject({ status: 'granted', coins: 600 });
  });

  it('keeps the record of an accepted pair only as long as the window: the table\'s TTL (expire.ts on dynalite) removes it', async () => {
    const target = await kinds[0].arrange('expiring-douyin');
    const at = new Date();
    const genuine = kinds[0].sign(target.order, at);
    expect((await send(stack.urls.API, genuine)).status).toBe(200);
    const timestamp = Math.floor(at.getTime() / 1000);
    const nonce = genuine.headers.find(([k]) => k === 'Byte-Nonce-Str')![1];
    expect(await dynamoNotificationReplays.claim('douyin', timestamp, nonce, timestamp + windowS + 1)).toBe(false);
    const env = stack.apiEnv;
    const dynamodb = new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
    try {
      // Still inside the window it stays; once the window has passed it is gone.
      await expireItems(dynamodb, stack.tableName, new Date((timestamp + windowS - 5) * 1000));
      expect(await dynamoNotificationReplays.claim('douyin', timestamp, nonce, timestamp + windowS + 1)).toBe(false);
      expect(await expireItems(dynamodb, stack.tableName, new Date((timestamp + windowS + 2) * 1000))).toBeGreaterThanOrEqual(1);
      expect(await dynamoNotificationReplays.claim('douyin', timestamp, nonce, timestamp + windowS + 1)).toBe(true);
    } finally {
      dynamodb.destroy();
    }
  });
});
