import { orderIdParamsSchema } from '@drama/shared/orders';
import { NotFound } from '../domain/errors';
import { orderView } from '../domain/orders/order';
import { grantPaidOrder } from '../domain/orders/settle';
import { json, route } from '../lib/http';
import { settlePorts } from '../wiring/attribution-ports';
import { orders } from '../wiring/ports';

/** The client polls this after paying; a paid order not yet granted is finished here too. */
export const handler = route({ auth: 'required', params: orderIdParamsSchema }, async ({ params, caller }) => {
  let order = await orders.get(params.orderId);
  // Someone else's order answers exactly like a missing one.
  if (!order || order.userId !== caller.userId) throw new NotFound(`no order ${params.orderId}`);
  if (order.status === 'paid') order = await grantPaidOrder(order, settlePorts);
  return json(200, orderView(order), { 'cache-control': 'no-store' });
});
