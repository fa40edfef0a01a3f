import type { WalletStore } from '../wallet/wallet';
import { BadRequest, Forbidden, NotFound } from '../errors';
import { grantChange, refundChange } from './grants';
import { moveOrder, payProviderOf, type Order, type OrderStore, type PayProvider } from './order';
import { reportGranted, reportRefunded, type OrderReportPorts } from './reports';

/**
 * Settlement owns everything a payment, a failure or a refund does: the order's moves, the wallet's
 * grant or take-back (once, by the order id), and the events and conversions that report them.
 * Each path reads the order once; it is read again only when a concurrent writer moved it first.
 */
export interface SettlePorts extends OrderReportPorts {
  orders: OrderStore;
  wallets: WalletStore;
  log: (message: string, fields: Record<string, unknown>) => void;
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
  const granted = await moveOrder(ports.orders, order, 'granted', { grantedAt: ports.now().toISOString() });
  if (!granted) return reload(ports.orders, order.orderId);
  ports.log('order granted', { orderId: order.orderId, userId: order.userId });
  return report(granted, ports);
}

/** The `paid` event and the payment conversion, then the mark that they are written (the sweep re-drives the gap). */
async function report(order: Order, ports: SettlePorts): Promise<Order> {
  await reportGranted(order, ports);
  const reportedAt = ports.now().toISOString();
  return (await ports.orders.markReported(order.orderId, reportedAt)) ? { ...order, reportedAt } : order;
}

/**
 * A verified payment confirmation for `orderId` from platform `by`: checks the platform and the
 * amount, moves pending (or failed) → paid, then grants. A repeated or concurrent confirmation changes nothing more.
 */
export async function confirmPayment(orderId: string, evidence: { amountFen: number; platformOrderId: string; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  let order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (evidence.amountFen !== order.amountFen) {
    ports.log('payment amount mismatch', { orderId, expected: order.amountFen, got: evidence.amountFen });
    throw new BadRequest(`order ${orderId} costs ${order.amountFen} fen, the platform reported ${evidence.amountFen}`);
  }
  if (order.status === 'pending' || order.status === 'failed') {
    const paid = await moveOrder(ports.orders, order, 'paid', { paidAt: ports.now().toISOString(), platformOrderId: evidence.platformOrderId });
    if (paid) ports.log('order paid', { orderId, platformOrderId: evidence.platformOrderId, amountFen: evidence.amountFen });
    order = paid ?? (await reload(ports.orders, orderId));
  }
  return grantPaidOrder(order, ports);
}

/** A payment the platform `by` reports as not made: a pending order becomes failed (a later payment may still settle it). */
export async function failPayment(orderId: string, evidence: { reason: string; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  const order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (order.status !== 'pending') return order;
  return (await moveOrder(ports.orders, order, 'failed', { failureReason: evidence.reason })) ?? reload(ports.orders, orderId);
}

/** A verified refund from platform `by`: takes back what the order bought (once, by the order id) and marks it refunded. */
export async function refundOrder(orderId: string, evidence: { amountFen: number; by: PayProvider }, ports: SettlePorts): Promise<Order> {
  let order = await orderPaidThrough(ports.orders, orderId, evidence.by);
  if (evidence.amountFen !== order.amountFen) throw new BadRequest(`refund of ${evidence.amountFen} fen does not match order ${orderId}`);
  if (order.status === 'refunded') {
    // A repeated notification: the platform retries until answered, which re-drives the event after a crash.
    await reportRefunded(order, ports);
    return order;
  }
  if (order.status === 'paid') order = await grantPaidOrder(order, ports);
  if (order.status !== 'granted') throw new BadRequest(`order ${orderId} is ${order.status}: nothing to refund`);
  const granted = order;
  await ports.wallets.apply(order.userId, `refund:${orderId}`, (wallet) => refundChange(granted, wallet));
  const refunded = await moveOrder(ports.orders, order, 'refunded', { refundedAt: ports.now().toISOString() });
  if (refunded) ports.log('order refunded', { orderId, userId: order.userId });
  const after = refunded ?? (await reload(ports.orders, orderId));
  await reportRefunded(after, ports);
  return after;
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
