import { createOrderInputSchema } from '@drama/shared/orders';
import { createOrder } from '../domain/orders/create-order';
import { json, route } from '../lib/http';
import { createOrderPorts } from '../wiring/order-ports';

export const handler = route({ auth: 'required', body: createOrderInputSchema }, async ({ body, caller }) => json(201, await createOrder(body, caller.userId, createOrderPorts)));
