import { membershipPlans, type CoinPack, type MembershipProduct } from '@drama/shared/products';
import { apiRequest } from '@/lib/api-client';
import { viewerPlatform } from '@/lib/capabilities';
import { guardSchema, isInt, isRecord } from '@/lib/guard-schema';
import { useAsync } from '@/lib/use-async';

/** GET /products: what can be bought, at the prices the functions charge (shared/products.ts). */
export interface ProductsOutput {
  coinPacks: CoinPack[];
  memberships: MembershipProduct[];
}

const isPack = (v: unknown): v is CoinPack =>
  isRecord(v) && typeof v.packId === 'string' && [v.priceFen, v.coins, v.bonusCoins, v.bonusDays].every(isInt);
const isMembership = (v: unknown): v is MembershipProduct =>
  isRecord(v) &&
  (membershipPlans as readonly unknown[]).includes(v.plan) &&
  typeof v.title === 'string' &&
  isInt(v.priceFen) &&
  isInt(v.months) &&
  typeof v.autoRenew === 'boolean';

// shared/ has no schema for this answer yet: checked by hand until it does.
const productsOutputSchema = guardSchema(
  'a product list',
  (v): v is ProductsOutput => isRecord(v) && Array.isArray(v.coinPacks) && v.coinPacks.every(isPack) && Array.isArray(v.memberships) && v.memberships.every(isMembership),
);

/** On WeChat the auto-renewing plans are listed only where signing is offered (?platform=). */
export const getProducts = (): Promise<ProductsOutput> => apiRequest(`/products?platform=${viewerPlatform()}`, { schema: productsOutputSchema, auth: 'none' });

export const useGetProducts = () => useAsync(getProducts, []);
