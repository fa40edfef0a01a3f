import { productFacts } from '@drama/shared/orders';
import { convert, type AttributionPorts } from '../attribution/attribution';
import type { EventSink } from '../events/events';
import type { Order } from './order';

export interface OrderReportPorts {
  events: EventSink;
  /** The ad platforms' conversions (a payment is one); none are reported without it. */
  attribution?: AttributionPorts;
  now: () => Date;
}

/**
 * A granted order's `paid` event, at the grant's time, and its payment conversion, at the payment's:
 * each written once by the order id, so the sweep may run this again after a crash. Never throws.
 */
export async function reportGranted(order: Order, ports: OrderReportPorts): Promise<void> {
  const detail = { orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product) };
  const paidAt = new Date(order.paidAt ?? order.grantedAt ?? ports.now());
  await Promise.all([
    ports.events.record({ kind: 'paid', userId: order.userId, ...detail, at: order.grantedAt }, `paid:${order.orderId}`),
    ports.attribution && convert(order.userId, 'payment', { ref: order.orderId, ...detail }, ports.attribution, undefined, paidAt),
  ]);
}

/** A refunded order's `refunded` event, written once by the order id. Never throws. */
export function reportRefunded(order: Order, ports: OrderReportPorts): Promise<void> {
  return ports.events.record(
    { kind: 'refunded', userId: order.userId, orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product), at: order.refundedAt },
    `refunded:${order.orderId}`,
  );
}
