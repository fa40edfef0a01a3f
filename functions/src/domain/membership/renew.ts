import { membershipProduct, renewAheadMs } from '@drama/shared/membership';
import type { ProductCatalog } from '@drama/shared/products';
import { orderIdFor } from '../orders/create-order';
import { moveOrder, payProviderOf, type Order, type OrderStore } from '../orders/order';
import { confirmPayment, type SettlePorts } from '../orders/settle';
import type { Membership, WalletStore } from '../wallet/wallet';

/** The platform's deduction call for an auto-renewing member (signed; the sandbox simulates it). */
export interface RenewalCharger {
  charge(order: Order): Promise<{ ok: true; platformOrderId: string } | { ok: false; reason: string; permanent: boolean }>;
}

export interface RenewalPorts extends SettlePorts {
  orders: OrderStore;
  wallets: WalletStore;
  charger: RenewalCharger;
  /** Auto-renewing members whose period ends before `before`. */
  dueBefore(before: Date): Promise<Array<{ userId: string; membership: Membership }>>;
  /** The membership prices on sale (the operator's); shared/products.ts's defaults when absent. */
  products?: () => Promise<ProductCatalog>;
}

/** Charges tried per period before the membership is left to lapse. */
export const maxRenewalAttempts = 3;
/** Wait between failed charges. */
export const retryAfterMs = 6 * 3600_000;

export type RenewalOutcome = 'renewed' | 'retry' | 'lapsed' | 'waiting';

/**
 * One pass of the renewal job: for each auto-renewing member due within `renewAheadMs`, one order
 * per period (idempotent by user and period end), charged through the platform; success extends
 * the membership through the ordinary grant path, a failure is retried after `retryAfterMs`, and
 * after the last failure renewal stops, so the membership lapses at the end of the paid period.
 */
export async function renewDueMemberships(ports: RenewalPorts): Promise<Record<RenewalOutcome, number>> {
  const counts: Record<RenewalOutcome, number> = { renewed: 0, retry: 0, lapsed: 0, waiting: 0 };
  const now = ports.now();
  for (const { userId, membership } of await ports.dueBefore(new Date(now.getTime() + renewAheadMs))) {
    // WeChat's signed memberships renew by its own rules (wechat-signing.ts).
    if (membership.platform === 'wechat') continue;
    counts[await renewOne(userId, membership, ports)]++;
  }
  return counts;
}

async function renewOne(userId: string, membership: Membership, ports: RenewalPorts): Promise<RenewalOutcome> {
  const now = ports.now();
  const product = (ports.products ? (await ports.products()).memberships.find((m) => m.plan === membership.plan) : undefined) ?? membershipProduct(membership.plan);
  const { order } = await ports.orders.createOnce({
    orderId: orderIdFor(userId, `renew:${membership.expiresAt}`),
    userId,
    requestId: `renew:${membership.expiresAt}`,
    // Renewal orders carry the member's platform (the deduction itself is Douyin's signed one).
    platform: membership.platform === 'sandbox' ? 'sandbox' : 'douyin',
    product: { kind: 'membership', plan: membership.plan },
    amountFen: product.priceFen,
    title: `${product.title}（自动续费）`,
    status: 'pending',
    createdAt: now.toISOString(),
    renewalOf: membership.expiresAt,
    attempts: 0,
  });
  if (order.status === 'paid' || order.status === 'granted') {
    await confirmPayment(order.orderId, { amountFen: order.amountFen, platformOrderId: order.platformOrderId ?? '', by: payProviderOf(order.platform) }, ports);
    return 'renewed';
  }
  if (order.status === 'refunded') return 'waiting';
  const attempts = order.attempts ?? 0;
  if (order.status === 'failed' && order.failedAt && now.getTime() - Date.parse(order.failedAt) < retryAfterMs) return 'waiting';

  const result = await ports.charger.charge(order);
  if (result.ok) {
    await confirmPayment(order.orderId, { amountFen: order.amountFen, platformOrderId: result.platformOrderId, by: payProviderOf(order.platform) }, ports);
    ports.log('membership renewed', { userId, orderId: order.orderId, plan: membership.plan });
    return 'renewed';
  }
  const tried = attempts + 1;
  const failedAt = now.toISOString();
  await moveOrder(ports.orders, order, 'failed', { attempts: tried, failedAt, failureReason: result.reason });
  ports.log('renewal charge failed', { userId, orderId: order.orderId, attempt: tried, reason: result.reason });
  if (result.permanent || tried >= maxRenewalAttempts) {
    await stopRenewal(userId, `lapse:${membership.expiresAt}`, ports.wallets);
    return 'lapsed';
  }
  return 'retry';
}

/** Turns auto-renew off; the paid period stays. Used by cancel and by the last failed charge. */
export async function stopRenewal(userId: string, opId: string, wallets: WalletStore) {
  return wallets.apply(userId, opId, (wallet) =>
    wallet.membership?.autoRenew ? { wallet: { ...wallet, membership: { ...wallet.membership, autoRenew: false } }, reason: 'membership', ref: opId, note: 'auto-renew off' } : null,
  );
}
