import { createHash } from 'node:crypto';
import { productFacts, type CreateOrderInput, type CreateOrderOutput } from '@drama/shared/orders';
import type { ProductCatalog } from '@drama/shared/products';
import type { CatalogReader } from '../catalog/catalog';
import { DomainError } from '../errors';
import type { EventSink } from '../events/events';
import type { WalletStore } from '../wallet/wallet';
import type { Order, OrderStore } from './order';
import { priceOf } from './pricing';
import { membershipProduct } from '@drama/shared/membership';

const membershipProductRenews = (plan: Parameters<typeof membershipProduct>[0]) => membershipProduct(plan).autoRenew;

export interface PayParamsBuilder {
  /** The platform's pay parameters for a stored order (tt.requestOrder / wx.requestVirtualPayment). */
  build(order: Order, coverKey?: string): Promise<Record<string, unknown>>;
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * The merchant order number the platforms see: derived from the user and the client's requestId,
 * so a retried create finds the same order (idempotent in one conditional write). 26 characters of
 * [A-Z0-9], inside WeChat's 8–32 and Douyin's limits.
 */
export function orderIdFor(userId: string, requestId: string): string {
  return `DR${createHash('sha256').update(`${userId}\n${requestId}`).digest('hex').slice(0, 24).toUpperCase()}`;
}

export interface CreateOrderPorts {
  catalog: CatalogReader;
  orders: OrderStore;
  wallets: WalletStore;
  payParams: (platform: Order['platform']) => PayParamsBuilder;
  events: EventSink;
  now: () => Date;
  /** The products on sale (the operator's prices); the defaults when absent. */
  products?: () => Promise<ProductCatalog>;
  log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * POST /orders: prices the product on the server, stores a pending order once per requestId and
 * returns the platform's pay parameters; a new order is logged and recorded as `order_created`
 * (a replayed requestId answers with the same order and records nothing twice).
 */
export async function createOrder(input: CreateOrderInput, userId: string, ports: CreateOrderPorts): Promise<CreateOrderOutput> {
  // On WeChat an auto-renewing plan is signed (POST /memberships/sign), never bought as a one-off.
  if (input.platform === 'wechat' && input.product.kind === 'membership' && membershipProductRenews(input.product.plan)) throw new Conflict('on WeChat auto-renewing plans are signed: POST /memberships/sign');
  const priced = await priceOf(input.product, ports.catalog, ports.products ? await ports.products() : undefined);
  if (input.product.kind === 'series') {
    const wallet = await ports.wallets.get(userId);
    if (wallet.seriesOwned.has(input.product.seriesId)) throw new Conflict('you already own this series');
  }
  const { order, created } = await ports.orders.createOnce({
    orderId: orderIdFor(userId, input.requestId),
    userId,
    requestId: input.requestId,
    platform: input.platform,
    product: input.product,
    amountFen: priced.amountFen,
    title: priced.title,
    status: 'pending',
    createdAt: ports.now().toISOString(),
    ...(priced.pack ? { pack: priced.pack } : {}),
  });
  if (!created && (order.userId !== userId || JSON.stringify(order.product) !== JSON.stringify(input.product) || order.platform !== input.platform)) {
    throw new Conflict('this requestId was already used for another order');
  }
  const payParams = order.status === 'pending' ? await ports.payParams(order.platform).build(order, priced.coverKey) : {};
  if (created) {
    ports.log('order created', { orderId: order.orderId, userId, amountFen: order.amountFen, platform: input.platform });
    await ports.events.record({ kind: 'order_created', userId, orderId: order.orderId, amountFen: order.amountFen, ...productFacts(input.product) });
  }
  return { orderId: order.orderId, amountFen: order.amountFen, status: order.status, payParams };
}
