import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '@drama/shared/calendar';
import { membershipProduct } from '@drama/shared/membership';
import type { ProductCatalog } from '@drama/shared/products';
import {
  chargeDay,
  inChargeWindow,
  noticeAllowsCharge,
  noticeDay,
  type SigningPlan,
  type SigningState,
  type SigningView,
} from '@drama/shared/wechat-signing';
import { Conflict, orderIdFor } from '../orders/create-order';
import { moveOrder, type Order, type OrderStore } from '../orders/order';
import type { Membership, WalletStore } from '../wallet/wallet';
import { maxRenewalAttempts, retryAfterMs, stopRenewal } from './renew';

/**
 * WeChat's membership subscription (shared/wechat-signing.ts holds its rules): a viewer signs once
 * (wx.requestSubscribeSign); WeChat's verified notifications move the signing (signed, terminated)
 * and its charges (charged: the goods-delivery push pays the order through the ordinary settle path;
 * failed: its failure push); the job sends each pre-charge notice on day t-2 and charges on day t,
 * only between 07:10 and 21:50. The signing is one item per viewer, written on its version.
 */
export interface Signing {
  userId: string;
  openId: string;
  plan: SigningPlan;
  priceFen: number;
  contractCode: string;
  state: SigningState;
  signedAt?: string;
  terminatedAt?: string;
  /** The pre-charge notice for the period ending `expiresAt`, sent on Shanghai day `on`. */
  notice?: { expiresAt: string; on: string; priceFen: number };
  lastCharge?: { orderId: string; state: 'charging' | 'charged' | 'failed'; at: string };
  /** Signed, and the first period not paid yet (the job charges it inside the window). */
  awaitingFirstCharge?: boolean;
  version: number;
}

export interface SigningStore {
  get(userId: string): Promise<Signing | undefined>;
  put(signing: Signing, expected: number | undefined): Promise<boolean>;
  /** The viewers whose signing awaits its first charge. */
  awaitingFirstCharge(): Promise<string[]>;
}

/** WeChat's side: the signing parameters, the pre-charge notice and the charge (virtual payment's xpay APIs). */
export interface SigningPlatform {
  signParams(signing: Signing, productId: string): Promise<{ signData: string; paySig: string; signature: string }>;
  /** send_subscribe_pre_payment: false with the reason when WeChat refused it. */
  notify(signing: Signing, productId: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** The charge for `order`; its result comes as a notification (accepted here means only asked). */
  charge(signing: Signing, order: Order, productId: string): Promise<{ ok: true } | { ok: false; reason: string; permanent: boolean }>;
}

export interface SigningPorts {
  signings: SigningStore;
  orders: OrderStore;
  wallets: WalletStore;
  platform: SigningPlatform;
  identityOf(userId: string): Promise<{ platform: string; openId: string } | undefined>;
  /** Whether this mini-program may offer it (virtual payment live, 90 days since release, 10k daily users). */
  enabled: () => boolean;
  products?: () => Promise<ProductCatalog>;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
}

export const productIdOf = (plan: SigningPlan) => `vip-${plan}`;

async function update(ports: SigningPorts, userId: string, change: (s: Signing) => Signing | null): Promise<Signing | undefined> {
  for (let tries = 0; tries < 8; tries++) {
    const current = await ports.signings.get(userId);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return current;
    if (await ports.signings.put({ ...next, version: current.version + 1 }, current.version)) return { ...next, version: current.version + 1 };
  }
  throw new Error(`signing of ${userId}: too many concurrent writers`);
}

/** POST /memberships/sign: a new signing (one per viewer), and what wx.requestSubscribeSign takes. */
export async function startSigning(userId: string, plan: SigningPlan, ports: SigningPorts) {
  if (!ports.enabled()) throw new Conflict('auto-renewing memberships are not offered on WeChat yet');
  const identity = await ports.identityOf(userId);
  if (identity?.platform !== 'wechat') throw new Conflict('WeChat signing is for viewers signed in with WeChat');
  const existing = await ports.signings.get(userId);
  if (existing?.state === 'signed') throw new Conflict('already signed: cancel in WeChat before signing another plan');
  const product = (ports.products ? (await ports.products()).memberships.find((m) => m.plan === plan) : undefined) ?? membershipProduct(plan);
  const signing: Signing = { userId, openId: identity.openId, plan, priceFen: product.priceFen, contractCode: `WS${randomBytes(12).toString('hex').toUpperCase()}`, state: 'pending', version: (existing?.version ?? 0) + 1 };
  if (!(await ports.signings.put(signing, existing?.version))) throw new Conflict('a signing is being made: try again');
  return { contractCode: signing.contractCode, signParams: await ports.platform.signParams(signing, productIdOf(plan)) };
}

/** The viewer's signing; a charge asked for shows as charged once WeChat's payment push granted its order. */
export async function signingView(userId: string, ports: SigningPorts): Promise<SigningView> {
  const s = await ports.signings.get(userId);
  if (!s) return { signing: null };
  let lastCharge = s.lastCharge;
  if (lastCharge?.state === 'charging') {
    const order = await ports.orders.get(lastCharge.orderId);
    if (order?.status === 'granted' || order?.status === 'paid') lastCharge = { ...lastCharge, state: 'charged', at: order.paidAt ?? lastCharge.at };
  }
  return { signing: { plan: s.plan, state: s.state, priceFen: s.priceFen, ...(lastCharge ? { lastCharge } : {}) } };
}

/** GET /products for a platform: on WeChat, the auto-renewing plans only once signing may be offered there. */
export function productsFor(catalog: ProductCatalog, platform: string | undefined, signingEnabled: boolean): ProductCatalog {
  if (platform !== 'wechat' || signingEnabled) return catalog;
  return { ...catalog, memberships: catalog.memberships.filter((m) => !m.autoRenew) };
}

/**
 * WeChat's signing result (xpay_subscribe_signing_result_notify): signed (the first charge follows at
 * once: it needs no notice within 12 hours) or terminated by the viewer in WeChat (renewal stops, the
 * paid period stays). Only the viewer's current contract moves; a repeat changes nothing.
 */
export async function signingNotified(userId: string, contractCode: string, status: 'signed' | 'terminated', ports: SigningPorts): Promise<'applied' | 'unchanged' | 'unknown'> {
  const now = ports.now();
  let applied = false;
  const signing = await update(ports, userId, (s) => {
    if (s.contractCode !== contractCode) return null;
    const moves = (status === 'signed' && s.state === 'pending') || (status === 'terminated' && s.state !== 'terminated');
    applied = moves;
    if (!moves) return null;
    return status === 'signed' ? { ...s, state: 'signed', signedAt: now.toISOString(), awaitingFirstCharge: true } : { ...s, state: 'terminated', terminatedAt: now.toISOString(), awaitingFirstCharge: false };
  });
  if (!signing || signing.contractCode !== contractCode) return 'unknown';
  if (applied && status === 'terminated') await stopRenewal(userId, `wechat-terminated:${contractCode}`, ports.wallets);
  // The first charge needs no notice; outside the charge window the job makes it when the window opens.
  if (applied && status === 'signed' && inChargeWindow(now)) await charge(signing, `first:${contractCode}`, undefined, ports);
  return applied ? 'applied' : 'unchanged';
}

/**
 * A charge failed (WeChat's charge-result push, or its refusal of the charge call): the order fails
 * and the job tries again later inside the window. Counted once per attempt: a repeated push finds
 * the attempt already settled and changes nothing.
 */
export async function chargeFailed(orderId: string, reason: string, ports: SigningPorts): Promise<'applied' | 'unchanged' | 'unknown'> {
  const order = await ports.orders.get(orderId);
  if (!order || order.platform !== 'wechat') return 'unknown';
  const now = ports.now().toISOString();
  let settled = false;
  await update(ports, order.userId, (s) => {
    settled = s.lastCharge?.orderId === orderId && s.lastCharge.state === 'charging';
    // `at` stays the attempt's time: the retry waits from it.
    return settled ? { ...s, lastCharge: { ...s.lastCharge!, state: 'failed' } } : null;
  });
  if (!settled || (order.status !== 'pending' && order.status !== 'failed')) return 'unchanged';
  const failure = { attempts: (order.attempts ?? 0) + 1, failedAt: now, failureReason: reason };
  await moveOrder(ports.orders, order, 'failed', failure);
  return 'applied';
}

/** Creates (once) the order for one period and asks WeChat to charge it. */
async function charge(signing: Signing, periodKey: string, renewalOf: string | undefined, ports: SigningPorts): Promise<string> {
  const now = ports.now();
  const { order } = await ports.orders.createOnce({
    orderId: orderIdFor(signing.userId, `wxsign:${periodKey}`),
    userId: signing.userId,
    requestId: `wxsign:${periodKey}`,
    platform: 'wechat',
    product: { kind: 'membership', plan: signing.plan },
    amountFen: signing.priceFen,
    title: `${membershipProduct(signing.plan).title}（微信自动续费）`,
    status: 'pending',
    createdAt: now.toISOString(),
    ...(renewalOf ? { renewalOf } : {}),
    attempts: 0,
  });
  // A failed order is charged again as it is: WeChat's payment push moves it failed → paid.
  if (order.status !== 'pending' && order.status !== 'failed') return 'done';
  await update(ports, signing.userId, (s) => ({ ...s, lastCharge: { orderId: order.orderId, state: 'charging', at: now.toISOString() } }));
  const result = await ports.platform.charge(signing, order, productIdOf(signing.plan));
  if (result.ok) return 'charging';
  ports.log('wechat charge refused', { userId: signing.userId, orderId: order.orderId, reason: result.reason });
  await chargeFailed(order.orderId, result.reason, ports);
  return 'failed';
}

/** A failed charge is tried again `retryAfterMs` after that attempt. */
const tooSoon = (signing: Signing, orderId: string, now: Date) => signing.lastCharge?.orderId === orderId && now.getTime() - Date.parse(signing.lastCharge.at) < retryAfterMs;

export type SigningOutcome = 'outside-window' | 'noticed' | 'charging' | 'waiting' | 'lapsed' | 'not-signed';

/** One member's turn in the job: the notice on day t-2, the charge on day t, retries, all inside the window. */
export async function renewSigned(userId: string, membership: Membership, ports: SigningPorts): Promise<SigningOutcome> {
  const now = ports.now();
  const period = membership.expiresAt;
  const signing = await ports.signings.get(userId);
  if (!signing || signing.state !== 'signed') {
    // Nothing WeChat would charge: renewal stops, the paid period stays.
    if (signing?.state !== 'pending') await stopRenewal(userId, `wechat-unsigned:${signing?.contractCode ?? period}`, ports.wallets);
    return 'not-signed';
  }
  if (!inChargeWindow(now)) return 'outside-window';
  const today = shanghaiDate(now);
  if (signing.notice?.expiresAt !== period) {
    if (today < noticeDay(period)) return 'waiting';
    const sent = await ports.platform.notify(signing, productIdOf(signing.plan));
    if (!sent.ok) {
      ports.log('wechat pre-charge notice refused', { userId, reason: sent.reason });
      return 'waiting';
    }
    await update(ports, userId, (s) => ({ ...s, notice: { expiresAt: period, on: today, priceFen: s.priceFen } }));
    return 'noticed';
  }
  if (today < chargeDay(period) || !noticeAllowsCharge(signing.notice.on, today)) return 'waiting';
  const order = await ports.orders.get(orderIdFor(userId, `wxsign:renew:${period}`));
  if (order && order.status !== 'failed') return 'waiting';
  if (order?.status === 'failed') {
    if ((order.attempts ?? 0) >= maxRenewalAttempts) {
      await stopRenewal(userId, `lapse:${period}`, ports.wallets);
      return 'lapsed';
    }
    if (tooSoon(signing, order.orderId, now)) return 'waiting';
  }
  return (await charge(signing, `renew:${period}`, period, ports)) === 'failed' ? 'waiting' : 'charging';
}

/** A signing's first charge, until its order is paid: inside the window, retried after a failure. */
export async function chargeFirst(userId: string, ports: SigningPorts): Promise<SigningOutcome> {
  const now = ports.now();
  const signing = await ports.signings.get(userId);
  if (!signing?.awaitingFirstCharge || signing.state !== 'signed') return 'not-signed';
  const order = await ports.orders.get(orderIdFor(userId, `wxsign:first:${signing.contractCode}`));
  const give = order && (order.status === 'paid' || order.status === 'granted' || (order.status === 'failed' && (order.attempts ?? 0) >= maxRenewalAttempts));
  if (give) {
    await update(ports, userId, (s) => (s.contractCode === signing.contractCode ? { ...s, awaitingFirstCharge: false } : null));
    return order.status === 'failed' ? 'lapsed' : 'waiting';
  }
  if (!inChargeWindow(now)) return 'outside-window';
  if (order?.status === 'pending') return 'waiting';
  if (order?.status === 'failed' && tooSoon(signing, order.orderId, now)) return 'waiting';
  return (await charge(signing, `first:${signing.contractCode}`, undefined, ports)) === 'failed' ? 'waiting' : 'charging';
}

/** The job: first charges still due, then every auto-renewing WeChat member whose period ends within four days. */
export async function renewSignedMembers(ports: SigningPorts & { dueBefore(before: Date): Promise<Array<{ userId: string; membership: Membership }>> }) {
  const counts: Record<SigningOutcome, number> = { 'outside-window': 0, noticed: 0, charging: 0, waiting: 0, lapsed: 0, 'not-signed': 0 };
  for (const userId of await ports.signings.awaitingFirstCharge()) counts[await chargeFirst(userId, ports)]++;
  const due = await ports.dueBefore(new Date(ports.now().getTime() + 4 * 24 * 3600_000));
  for (const { userId, membership } of due) if (membership.platform === 'wechat') counts[await renewSigned(userId, membership, ports)]++;
  return counts;
}
