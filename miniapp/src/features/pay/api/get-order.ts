import { orderViewSchema, type OrderView } from '@drama/shared/orders';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** GET /orders/{orderId}: the caller's own order; `granted` means what it bought is usable now. */
export const getOrder = (orderId: string): Promise<OrderView> =>
  apiRequest(`/orders/${encodeURIComponent(orderId)}`, { schema: orderViewSchema });

export const useGetOrder = (orderId: string) => useAsync(() => getOrder(orderId), [orderId]);
