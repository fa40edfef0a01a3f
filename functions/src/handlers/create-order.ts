import { createOrderInputSchema, productFacts } from '@drama/shared/orders';
import { createOrder } from '../domain/orders/create-order';
import { json, route } from '../lib/http';
import { logger } from '../lib/logger';
import { payParams } from '../wiring/order-ports';
import { catalog, clock, events, orders, products, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required', body: createOrderInputSchema }, async ({ body, caller }) => {
  const { created, ...output } = await createOrder(body, caller.userId, { catalog, orders, wallets, payParams, now: clock, products: () => products.get() });
  // A replayed requestId answers with the same order and records nothing twice.
  if (created) {
    logger.info('order created', { orderId: output.orderId, userId: caller.userId, amountFen: output.amountFen, platform: body.platform });
    await events.record({ kind: 'order_created', userId: caller.userId, orderId: output.orderId, amountFen: output.amountFen, ...productFacts(body.product) });
  }
  return json(201, output);
});
