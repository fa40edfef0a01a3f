import { z } from 'zod';
import { platformSchema } from './auth';
import { seriesIdSchema } from './catalog';
import { membershipPlans } from './products';
import { requestIdSchema } from './wallet';

export const productRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coins'), packId: z.string().min(1).max(32) }).strict(),
  z.object({ kind: z.literal('series'), seriesId: seriesIdSchema }).strict(),
  z.object({ kind: z.literal('membership'), plan: z.enum(membershipPlans) }).strict(),
]);
export type ProductRef = z.infer<typeof productRefSchema>;

/** What exactly a product is, in one word for the analytics stream: the coin pack, the series id or the membership plan. */
/** The product id the platforms see (Douyin's skuId, WeChat's productId). */
export const platformSkuOf = (product: ProductRef): string =>
  product.kind === 'coins' ? product.packId : product.kind === 'series' ? `series-${product.seriesId}` : `vip-${product.plan}`;

export const skuOf = (product: ProductRef): string => (product.kind === 'coins' ? product.packId : product.kind === 'series' ? product.seriesId : product.plan);

/** What analytics and ad conversions record of a product: its kind, its sku and, for a series, which. */
export const productFacts = (product: ProductRef) => ({
  product: product.kind,
  sku: skuOf(product),
  ...(product.kind === 'series' ? { seriesId: product.seriesId } : {}),
});

export const createOrderInputSchema = z
  .object({
    platform: platformSchema,
    requestId: requestIdSchema,
    product: productRefSchema,
  })
  .strict();
export type CreateOrderInput = z.infer<typeof createOrderInputSchema>;

export const orderStatuses = ['pending', 'paid', 'granted', 'refunded', 'failed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const createOrderOutputSchema = z.object({
  orderId: z.string(),
  amountFen: z.number().int().positive(),
  status: z.enum(orderStatuses),
  /** What tt.requestOrder / wx.requestVirtualPayment take; the H5 sandbox cashier uses orderId. */
  payParams: z.record(z.unknown()),
});
export type CreateOrderOutput = z.infer<typeof createOrderOutputSchema>;

export const orderViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(orderStatuses),
  amountFen: z.number().int().positive(),
  product: productRefSchema,
  platform: platformSchema,
  createdAt: z.string(),
  paidAt: z.string().optional(),
  grantedAt: z.string().optional(),
});
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderIdParamsSchema = z.object({ orderId: z.string().regex(/^[A-Za-z0-9]{8,32}$/, 'not an order number') });
