import type { WalletStore } from '../wallet/wallet';
import { BadRequest, Forbidden, NotFound } from '../errors';
import { grantChange, refundChange } from './grants';
import { payProviderOf, type Order, type OrderStore, type PayProvider } from './order';

export interface SettlePorts {
  orders: OrderStore;
  wallets: WalletStore;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
  /**
   * Records a granted order's `paid` event and payment conversion (never throws). Called by whoever
   * moved the order to granted, and again by the sweep if a crash came before it finished, so it must
   * be idempotent by the order id.
   */
  onGranted?: (order: Order) => Promise<void>;
  /** Records a refunded order's `refunded` event (never throws; idempotent by the order id). */
  onRefunded?: (order: Order) => Promise<void>;
}

async function reload(orders: OrderStore, orderId: string): Promise<Order> {
  const order = await orders.get(orderId);
  if (!order) throw new NotFound(`no order ${orderId}`);
  return order;
}

/** An order is settled, failed or refunded only on the word of the platform it was created for. */
async function orderPaidThrough(orders: OrderStore, orderId: string, by: PayProvider): Promise<Order> {
  const order = await reload(orders, orderId);
  if (payProviderOf(order.platform) !== by) throw new Forbidden(`order ${orderId} is paid through ${payProviderOf(order.platform)}, not ${by}`);
  return order;
}

/**
 * Finishes a paid order: applies the grant to the wallet (once, by the order id) and then marks the
 * order granted. Safe to run any number of times, concurrently, or after a crash between the two.
 */
export async function grantPaidOrder(order: Order, ports: SettlePorts): Promise<Order> {
  if (order.status !== 'paid') return order;
  await ports.wallets.apply(order.userId, `order:${order.orderId}`, (wallet, now) => grantChange(order, wallet, now));
  const grantedAt = ports.now().toISOString();
  if (await ports.orders.transition(order.orderId, 'paid', 'granted', { grantedAt })) {
    ports.log('order granted', { orderId: order.orderId, userId: order.userId });
    await report({ ...order, status: 'granted', grantedAt }, ports);
  }
  return reload(ports.orders, order.orderId);
}

/** The `paid` event and the payment conversion, then the mark that they are written (the sweep re-drives the gap). */
async function report(order: Order, ports: SettlePorts): Promise<void> {
  await ports.onGranted?.(order);
  await ports.orders.markReported(order.orderId, ports.now().toISOString());
}

/**
 * A verified payment confirmation for `orderId` from platform `by`: checks the platform and the
 * amount, moves pending → paid, then grants. A repeated or concurrent confirmation changes nothing more.
 */
export async function confirmPayment(orderId: string, evidence: { amountFen: number; platformOrderId: string; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  let order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (evidence.amountFen !== order.amountFen) {
    ports.log('payment amount mismatch', { orderId, expected: order.amountFen, got: evidence.amountFen });
    throw new BadRequest(`order ${orderId} costs ${order.amountFen} fen, the platform reported ${evidence.amountFen}`);
  }
  if (order.status === 'pending' || order.status === 'failed') {
    const paidAt = ports.now().toISOString();
    if (await ports.orders.transition(orderId, order.status, 'paid', { paidAt, platformOrderId: evidence.platformOrderId })) {
      ports.log('order paid', { orderId, platformOrderId: evidence.platformOrderId, amountFen: evidence.amountFen });
    }
    order = await reload(ports.orders, orderId);
  }
  return grantPaidOrder(order, ports);
}

/** A payment the platform `by` reports as not made: a pending order becomes failed (a later payment may still settle it). */
export async function failPayment(orderId: string, evidence: { reason: string; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  const order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (order.status === 'pending') await ports.orders.transition(orderId, 'pending', 'failed', { failureReason: evidence.reason });
  return reload(ports.orders, orderId);
}

/** A verified refund from platform `by`: takes back what the order bought (once, by the order id) and marks it refunded. */
export async function refundOrder(orderId: string, evidence: { amountFen: number; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  let order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (evidence.amountFen !== order.amountFen) throw new BadRequest(`refund of ${evidence.amountFen} fen does not match order ${orderId}`);
  if (order.status === 'refunded') {
    // A repeated notification: the platform retries until answered, which re-drives the event after a crash.
    await ports.onRefunded?.(order);
    return order;
  }
  if (order.status === 'paid') order = await grantPaidOrder(order, ports);
  if (order.status !== 'granted') throw new BadRequest(`order ${orderId} is ${order.status}: nothing to refund`);
  await ports.wallets.apply(order.userId, `refund:${orderId}`, (wallet) => refundChange(order, wallet));
  if (await ports.orders.transition(orderId, 'granted', 'refunded', { refundedAt: ports.now().toISOString() })) {
    ports.log('order refunded', { orderId, userId: order.userId });
  }
  const refunded = await reload(ports.orders, orderId);
  await ports.onRefunded?.(refunded);
  return refunded;
}

/**
 * The sweep: finishes every order a crash left paid but not granted, or granted but not reported,
 * before `olderThan`.
 */
export async function sweepPaidOrders(olderThan: Date, ports: SettlePorts): Promise<number> {
  const paid = await ports.orders.listPaidBefore(olderThan, 100);
  for (const order of paid) await grantPaidOrder(order, ports);
  const unreported = await ports.orders.listUnreportedBefore(olderThan, 100);
  for (const order of unreported) await report(order, ports);
  return paid.length + unreported.length;
}
