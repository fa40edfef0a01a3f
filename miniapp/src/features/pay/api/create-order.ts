import { createOrderOutputSchema, type CreateOrderInput, type CreateOrderOutput } from '@drama/shared/orders';
import { apiRequest } from '@/lib/api-client';

/**
 * POST /orders: an order and the platform's pay parameters. The same requestId finds the same order
 * again (idempotent), so a retry after a lost answer never orders twice.
 */
export const createOrder = (input: CreateOrderInput): Promise<CreateOrderOutput> =>
  apiRequest('/orders', { method: 'POST', data: input, schema: createOrderOutputSchema });
