import type { OrderView } from '@drama/shared/orders';
import { NotFound } from '../errors';
import { orderView } from './order';
import { grantPaidOrder, type SettlePorts } from './settle';

/**
 * GET /orders/{id}, the client's poll after paying: the caller's own order (someone else's answers
 * exactly like a missing one); a paid order not yet granted is finished here too.
 */
export async function pollOrder(orderId: string, userId: string, ports: SettlePorts): Promise<OrderView> {
  const order = await ports.orders.get(orderId);
  if (!order || order.userId !== userId) throw new NotFound(`no order ${orderId}`);
  return orderView(order.status === 'paid' ? await grantPaidOrder(order, ports) : order);
}
