import { orderIdParamsSchema } from '@drama/shared/orders';
import { pollOrder } from '../domain/orders/poll-order';
import { json, route } from '../lib/http';
import { settlePorts } from '../wiring/attribution-ports';

/** The client polls this after paying; a paid order not yet granted is finished here too. */
export const handler = route({ auth: 'required', params: orderIdParamsSchema }, async ({ params, caller }) =>
  json(200, await pollOrder(params.orderId, caller.userId, settlePorts), { 'cache-control': 'no-store' }),
);
