import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackSettings } from '../../functions/local/settings';
import { startStack, type Stack } from '../../functions/local/stack';
import { eventually } from '../support/eventually';
import { freeStackPorts } from '../support/free-port';
import { apiClient, call } from '../support/http';
import { buy, requestId } from '../support/pay';
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/**
 * A crash in the middle of paying: buyers create and pay orders (Douyin and WeChat through the
 * sandbox cashier) and spend coins on unlocks while dynalite and then the API are killed with
 * SIGKILL, then restarted on the same data. Once the sandbox platform's notification retries have
 * run out or been acknowledged, every paid order must be granted exactly once, the coin ledger must
 * account for every balance, and nothing may be owned without a granted order.
 */
let stack: Stack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'drama-fault-'));
  const settings = stackSettings({ dataDir, ports: await freeStackPorts() });
  process.env.CATALOG_TTL_MS = '500';
  // Douyin's schedule (12 s, 12 s, 33 s, …, ~29 min in all) at 1/50: its retries span ~35 s, long
  // enough to outlive the API's restart; WeChat's doubling schedule spans longer still.
  stack = await startStack({ ...settings, sandboxTimeScale: 0.02 }, { seed: { maxEpisodes: 4 }, api: true, app: false, inference: false });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Buyer {
  code: string;
  token: string;
  userId: string;
  orders: Map<string, { platform: 'douyin' | 'wechat'; product: Record<string, string>; paid: boolean }>;
  unlocks: Map<string, 'unlocked' | 'refused'>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isDown = (status: number) => status === 0 || status >= 500;
/** Requests that found the API or its database down (connection refused or a 5xx). */
let failedCalls = 0;

/** Calls the API and answers status 0 when the connection fails (the API is down): the caller retries. */
async function tryCall(base: string, path: string, opts: Parameters<typeof call>[2]) {
  try {
    const reply = await call(base, path, opts);
    if (isDown(reply.status)) failedCalls++;
    return reply;
  } catch {
    failedCalls++;
    return { status: 0, body: {} as Record<string, any> };
  }
}

/** Repeats one idempotent request (same body, same request id) until it gets a definitive answer. */
async function untilAnswered(base: string, path: string, opts: Parameters<typeof call>[2], stopAt: number) {
  for (;;) {
    const reply = await tryCall(base, path, opts);
    if (!isDown(reply.status) || Date.now() > stopAt) return reply;
    await sleep(150);
  }
}

async function buyerLoop(buyer: Buyer, seriesIds: string[], until: () => boolean, giveUpAt: number) {
  const { urls } = stack;
  let round = 0;
  while (!until()) {
    round++;
    if (round % 3 === 0) {
      // Spend coins on an episode (if the balance allows): idempotent by requestId, retried until answered.
      const seriesId = seriesIds[round % seriesIds.length];
      const id = requestId('unlock');
      const reply = await untilAnswered(urls.API, '/unlocks', { body: { seriesId, episode: 3 + (round % 2), requestId: id }, token: buyer.token }, giveUpAt);
      if (reply.status === 200) buyer.unlocks.set(id, 'unlocked');
      else if (reply.status === 402) buyer.unlocks.set(id, 'refused');
      continue;
    }
    const platform = round % 2 ? 'douyin' : 'wechat';
    const product: Record<string, string> = round % 4 === 1 ? { kind: 'series', seriesId: seriesIds[round % seriesIds.length] } : { kind: 'coins', packId: round % 5 ? 'coins-600' : 'coins-3000' };
    const created = await untilAnswered(urls.API, '/orders', { body: { platform, requestId: requestId('order'), product }, token: buyer.token }, giveUpAt);
    if (created.status !== 201) continue;
    const { orderId, payParams } = created.body;
    buyer.orders.set(orderId, { platform, product, paid: false });
    const handed =
      payParams.provider === 'wechat'
        ? await tryCall(urls.SANDBOX, '/requestVirtualPayment', { body: { signData: payParams.signData, paySig: payParams.paySig, signature: payParams.signature, mode: payParams.mode } })
        : await tryCall(urls.SANDBOX, '/requestOrder', { body: { data: payParams.data, byteAuthorization: payParams.byteAuthorization } });
    if (handed.status !== 200) throw new Error(`the platform refused order ${orderId}: ${JSON.stringify(handed.body)}`);
    const paid = await tryCall(urls.SANDBOX, '/pay', { body: { orderId } });
    if (paid.status !== 200) throw new Error(`cashier: ${JSON.stringify(paid.body)}`);
    buyer.orders.get(orderId)!.paid = true;
  }
}

it('grants every paid order exactly once across kill -9 of dynalite and the API, and the ledger accounts for every coin', async () => {
  const { urls } = stack;
  const { signIn, api } = apiClient(urls.API);
  const seriesIds: string[] = (await api('/series')).body.items.map((s: { id: string }) => s.id);
  const buyers: Buyer[] = [];
  for (let i = 0; i < 6; i++) {
    const code = `fault-buyer-${i}`;
    const { token, user } = await signIn(code);
    buyers.push({ code, token, userId: user.id, orders: new Map(), unlocks: new Map() });
  }

  let stopped = false;
  const giveUpAt = Date.now() + 150_000;
  const load = Promise.all(buyers.map((b) => buyerLoop(b, seriesIds, () => stopped, giveUpAt)));

  // Let payments flow, then kill the database and, a moment later, the API, in the middle of it.
  await eventually(async () => buyers.reduce((n, b) => n + [...b.orders.values()].filter((o) => o.paid).length, 0), (n) => n >= 12, 'payments under way', 60_000);
  const dynamo = stack.children.dynamodb!;
  const apiChild = stack.children.api!;
  const failedBefore = failedCalls;
  dynamo.process.kill('SIGKILL');
  // The API keeps serving without its database for a moment (handlers fail mid-flow), then dies too.
  await eventually(async () => failedCalls, (n) => n > failedBefore, 'requests failing without the database', 30_000);
  apiChild.process.kill('SIGKILL');
  await eventually(async () => apiChild.process.signalCode, (s) => s === 'SIGKILL', 'API killed');
  await eventually(async () => dynamo.process.signalCode, (s) => s === 'SIGKILL', 'dynalite killed');
  const paidBeforeRestart = buyers.reduce((n, b) => n + [...b.orders.values()].filter((o) => o.paid).length, 0);

  const downAt = Date.now();
  await stack.restart('dynamodb');
  await stack.restart('api');
  const downMs = Date.now() - downAt;
  // Keep buying for a while on the restarted stack, then stop.
  await eventually(async () => buyers.reduce((n, b) => n + [...b.orders.values()].filter((o) => o.paid).length, 0), (n) => n >= paidBeforeRestart + 12, 'payments after the restart', 60_000);
  stopped = true;
  await load;

  const paidOrders = buyers.flatMap((b) => [...b.orders].filter(([, o]) => o.paid).map(([orderId, o]) => ({ buyer: b, orderId, ...o })));
  expect(paidOrders.length).toBeGreaterThanOrEqual(24);

  // The platform's retries finish: every payment notification acknowledged, none given up.
  const deliveries = await eventually(
    async () => (await call(urls.SANDBOX, '/deliveries')).body.items as Array<{ outOrderNo: string; kind: string; delivered: boolean; givenUp: boolean; attempts: unknown[] }>,
    (items) => items.filter((d) => d.kind === 'payment').every((d) => d.delivered || d.givenUp) && items.length >= paidOrders.length,
    'every notification acknowledged or given up',
    120_000,
  );
  const payments = deliveries.filter((d) => d.kind === 'payment');
  expect(payments.filter((d) => d.givenUp).map((d) => d.outOrderNo)).toEqual([]);
  expect(new Set(payments.map((d) => d.outOrderNo))).toEqual(new Set(paidOrders.map((o) => o.orderId)));
  // The crash was felt: some notifications needed retries.
  const retried = payments.filter((d) => d.attempts.length > 1).length;
  expect(retried).toBeGreaterThan(0);
  console.log(`fault: ${paidOrders.length} paid orders (${paidBeforeRestart} before the kill), ${failedCalls} failed calls, down ${downMs} ms, ${retried} notifications retried (max ${Math.max(...payments.map((d) => d.attempts.length))} attempts)`);

  for (const buyer of buyers) {
    const wallet = (await api('/me/wallet', { token: buyer.token })).body;
    const ledger = (await api('/me/ledger', { token: buyer.token })).body.items as Array<{ opId: string; reason: string; ref: string; at: string; coinsBefore: number; coinsAfter: number; bonusBefore: number; bonusAfter: number }>;
    const granted = new Set<string>();
    for (const [orderId, order] of buyer.orders) {
      const view = (await api(`/orders/${orderId}`, { token: buyer.token })).body;
      // Every paid order granted; an unpaid one never.
      expect([orderId, view.status]).toEqual([orderId, order.paid ? 'granted' : 'pending']);
      if (view.status === 'granted') granted.add(orderId);
    }

    // Exactly once: one ledger row per granted order, none for anything else, no operation twice.
    const opIds = ledger.map((e) => e.opId);
    expect(new Set(opIds).size).toBe(opIds.length);
    const grantRows = ledger.filter((e) => e.reason === 'purchase' || e.reason === 'series' || e.reason === 'membership');
    expect(grantRows.map((e) => e.ref).sort()).toEqual([...granted].sort());

    // No coins created or lost: the ledger is one unbroken chain from zero to the balance.
    const chain = [...ledger].sort((a, b) => a.at.localeCompare(b.at) || a.opId.localeCompare(b.opId));
    let coins = 0;
    let bonus = 0;
    for (const row of chain) {
      expect([row.opId, row.coinsBefore, row.bonusBefore]).toEqual([row.opId, coins, bonus]);
      coins = row.coinsAfter;
      bonus = row.bonusAfter;
    }
    expect([buyer.code, coins, bonus]).toEqual([buyer.code, wallet.coins, wallet.bonusCoins]);
    const coinOrders = [...granted].filter((id) => buyer.orders.get(id)!.product.kind === 'coins');
    const bought = coinOrders.reduce((sum, id) => sum + (buyer.orders.get(id)!.product.packId === 'coins-3000' ? 3300 : 600), 0);
    const spent = ledger.filter((e) => e.reason === 'unlock').reduce((sum, e) => sum + (e.coinsBefore - e.coinsAfter) + (e.bonusBefore - e.bonusAfter), 0);
    expect(wallet.coins + wallet.bonusCoins).toBe(bought - spent);
    // Unlocks: one debit per unlock the API confirmed, none for a refused one.
    for (const [id, outcome] of buyer.unlocks) {
      const rows = ledger.filter((e) => e.opId === `unlock:${id}`);
      expect([id, rows.length <= 1]).toEqual([id, true]);
      if (outcome === 'refused') expect([id, rows.length]).toEqual([id, 0]);
    }

    // No entitlement without a paid order.
    const ownedByOrder = new Set([...granted].map((id) => buyer.orders.get(id)!.product).filter((p) => p.kind === 'series').map((p) => p.seriesId));
    expect(new Set(wallet.seriesOwned)).toEqual(ownedByOrder);
    expect(wallet.membership).toBeNull();
  }
}, 420_000);

it("shows a change whose ledger row a crash left in the wallet's outbox, once, before and after the next write", async () => {
  const { urls, clients, settings } = stack;
  const { signIn, api } = apiClient(urls.API);
  const { token, user } = await signIn('fault-outbox');
  const { orderId } = await buy(urls, token, { kind: 'coins', packId: 'coins-600' }, 'douyin');
  // The state a crash leaves between the wallet's write and the copy of its ledger row: the row
  // only in the wallet item's outbox.
  const pk = `USER#${user.id}`;
  const { Items = [] } = await clients.documents.send(new QueryCommand({ TableName: settings.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)', ExpressionAttributeValues: { ':pk': pk, ':l': 'LEDGER#' } }));
  expect(Items).toHaveLength(1);
  const { pk: _pk, sk, kind: _kind, ...entry } = Items[0];
  await clients.documents.send(new DeleteCommand({ TableName: settings.tableName, Key: { pk, sk } }));
  await clients.documents.send(new UpdateCommand({ TableName: settings.tableName, Key: { pk, sk: 'WALLET' }, UpdateExpression: 'SET outbox.#op = :e', ExpressionAttributeNames: { '#op': entry.opId }, ExpressionAttributeValues: { ':e': entry } }));

  const sum = (items: Array<{ coinsBefore: number; coinsAfter: number }>) => items.reduce((n, e) => n + e.coinsAfter - e.coinsBefore, 0);
  const before = (await api('/me/ledger', { token })).body.items;
  expect(before.map((e: { ref: string }) => e.ref)).toEqual([orderId]);
  expect(sum(before)).toBe((await api('/me/wallet', { token })).body.coins);

  // The next change of the wallet copies the row out of the outbox: still one row for the order.
  expect((await api('/checkins', { token, body: {} })).status).toBe(200);
  const after = (await api('/me/ledger', { token })).body.items;
  expect(after.filter((e: { ref: string }) => e.ref === orderId)).toHaveLength(1);
  expect(after).toHaveLength(2);
  expect(sum(after)).toBe((await api('/me/wallet', { token })).body.coins);
});
