import { createOrderInputSchema } from '@drama/shared/orders';
import { payParamsFor } from '../adapters/platform/pay-params';
import { createOrder } from '../domain/orders/create-order';
import { json, route } from '../lib/http';
import { logger } from '../lib/logger';
import { catalog, clock, orders, wallets } from '../lib/ports';

export const handler = route({ auth: 'required', body: createOrderInputSchema }, async ({ body, caller }) => {
  const output = await createOrder(body, caller.userId, { catalog, orders, wallets, payParams: payParamsFor, now: clock });
  logger.info('order created', { orderId: output.orderId, userId: caller.userId, amountFen: output.amountFen, platform: body.platform });
  return json(201, output);
});
