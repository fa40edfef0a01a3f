import type { AdminProductsInput } from '@drama/shared/admin';
import type { CoinPack, MembershipProduct } from '@drama/shared/products';
import { apiRequest, type Schema } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';
import { operatorToken } from '../operator-session';

export interface LiveProducts {
  coinPacks: CoinPack[];
  memberships: MembershipProduct[];
}

const productsSchema: Schema<LiveProducts> = {
  safeParse: (v) =>
    v && typeof v === 'object' && Array.isArray((v as LiveProducts).coinPacks) && Array.isArray((v as LiveProducts).memberships)
      ? { success: true, data: v as LiveProducts }
      : { success: false, error: { issues: ['not products'] } },
};

/** GET and PUT /admin/products: the coin packs and membership prices on sale. */
export const useAdminProducts = () => useAsync(() => apiRequest('/admin/products', { schema: productsSchema, bearer: operatorToken() }), []);

export const putProducts = (input: AdminProductsInput): Promise<LiveProducts> =>
  apiRequest('/admin/products', { method: 'PUT', data: input, schema: productsSchema, bearer: operatorToken() });
