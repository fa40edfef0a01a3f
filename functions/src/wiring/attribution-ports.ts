import { productFacts } from '@drama/shared/orders';
import { dynamoAttribution, dynamoConversions } from '../adapters/dynamodb-attribution';
import { adPlatform } from '../adapters/platform/conversions';
import { convert, rememberClicks, type AttributionPorts } from '../domain/attribution/attribution';
import type { SettlePorts } from '../domain/orders/settle';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock, events, orders, wallets } from './ports';

/**
 * The ports of everything that reports conversions to the ad platforms: attribution itself, and
 * settlement (a granted order is a payment conversion). Kept apart from ports.ts so that only the
 * functions that can report one load the ad-platform adapter and the Douyin app secret it reads.
 */
/** Attribution: the last click (remembered per container for 30 s), the conversion outbox, the ad platform. */
export const attributionPorts: AttributionPorts = {
  store: rememberClicks(dynamoAttribution, 30_000),
  outbox: dynamoConversions,
  platform: adPlatform,
  events,
  now: clock,
  get windowS() {
    return config().attributionWindowS;
  },
  get retryDelaysMs() {
    return config().conversionRetryDelaysMs;
  },
  log: (message, fields) => logger.info(message, fields),
};
export const settlePorts: SettlePorts = {
  orders,
  wallets,
  now: clock,
  log: (message, fields) => logger.info(message, fields),
  // When an order is granted (and again from the sweep after a crash): the "paid" event at the grant's
  // time and the payment conversion at the payment's, each written once by the order id.
  onGranted: async (order) => {
    const detail = { orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product) };
    const paidAt = new Date(order.paidAt ?? order.grantedAt ?? clock());
    await Promise.all([
      events.record({ kind: 'paid', userId: order.userId, ...detail, at: order.grantedAt }, `paid:${order.orderId}`),
      convert(order.userId, 'payment', { ref: order.orderId, ...detail }, attributionPorts, undefined, paidAt),
    ]);
  },
  onRefunded: (order) =>
    events.record({ kind: 'refunded', userId: order.userId, orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product), at: order.refundedAt }, `refunded:${order.orderId}`),
};

