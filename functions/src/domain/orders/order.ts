import type { Platform } from '@drama/shared/auth';
import type { OrderStatus, OrderView, ProductRef } from '@drama/shared/orders';
import type { CoinPack } from '@drama/shared/products';

/**
 * An order is a state machine moved only by conditional writes:
 *   pending → paid → granted,  pending → failed,  paid|granted → refunded.
 * "paid" means the platform confirmed the money; "granted" means the wallet holds what was bought.
 */
export interface Order {
  orderId: string;
  userId: string;
  requestId: string;
  platform: Platform;
  product: ProductRef;
  amountFen: number;
  title: string;
  status: OrderStatus;
  createdAt: string;
  paidAt?: string;
  grantedAt?: string;
  /** When the `paid` event and the payment conversion were recorded (re-driven by the sweep if a crash came first). */
  reportedAt?: string;
  refundedAt?: string;
  platformOrderId?: string;
  /** Set on renewal orders: the membership period they pay for. */
  renewalOf?: string;
  attempts?: number;
  /** A coin order's pack as sold (its coins and bonus), so a later price change never alters the grant. */
  pack?: CoinPack;
  failedAt?: string;
  failureReason?: string;
}

/** The platform that takes an order's money and notifies about it. */
export type PayProvider = 'douyin' | 'wechat';
/** WeChat orders are paid through WeChat's virtual payment; Douyin's, and the H5 sandbox's, through Douyin's trade system. */
export const payProviderOf = (platform: Platform): PayProvider => (platform === 'wechat' ? 'wechat' : 'douyin');

export const allowedTransitions: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'failed'],
  paid: ['granted', 'refunded'],
  granted: ['refunded'],
  failed: ['paid'],
  refunded: [],
};

export interface OrderStore {
  /** Creates the order unless one with this id exists; returns what is stored either way. */
  createOnce(order: Order): Promise<{ order: Order; created: boolean }>;
  get(orderId: string): Promise<Order | undefined>;
  /**
   * Persists a move `moveOrder` decided: status `to` and `fields`, in one write conditional on the
   * order still being in `from` (`from` = `to`: fields only); false when it was not.
   */
  transition(orderId: string, from: OrderStatus, to: OrderStatus, fields?: Partial<Order>): Promise<boolean>;
  /** Orders stuck in `paid` since before `olderThan` (for the sweep job). */
  listPaidBefore(olderThan: Date, limit: number): Promise<Order[]>;
  /** Orders granted before `olderThan` whose `paid` event and conversion were not recorded (a crash came between). */
  listUnreportedBefore(olderThan: Date, limit: number): Promise<Order[]>;
  /** Records that a granted order's event and conversion are written; false if it already was. */
  markReported(orderId: string, at: string): Promise<boolean>;
}

/**
 * Moves `order` to `to` (or, to its own status, only sets `fields`): the move must be one of
 * `allowedTransitions`, and the store writes it only while the order is still in the status read.
 * Returns the order as moved, or undefined when someone else moved it first (re-read to see how).
 */
export async function moveOrder(orders: OrderStore, order: Order, to: OrderStatus, fields: Partial<Order> = {}): Promise<Order | undefined> {
  if (order.status !== to && !allowedTransitions[order.status].includes(to)) throw new Error(`order ${order.orderId}: ${order.status} → ${to} is not a transition`);
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Order>;
  return (await orders.transition(order.orderId, order.status, to, set)) ? { ...order, ...set, status: to } : undefined;
}

export function orderView(order: Order): OrderView {
  return {
    orderId: order.orderId,
    status: order.status,
    amountFen: order.amountFen,
    product: order.product,
    platform: order.platform,
    createdAt: order.createdAt,
    ...(order.paidAt ? { paidAt: order.paidAt } : {}),
    ...(order.grantedAt ? { grantedAt: order.grantedAt } : {}),
  };
}
