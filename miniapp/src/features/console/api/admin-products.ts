import type { AdminProductsInput } from '@drama/shared/admin';
import type { CoinPack, MembershipProduct } from '@drama/shared/products';
import type { Schema } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

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
export const useAdminProducts = () => useAsync(() => adminRequest('/admin/products', { schema: productsSchema }), []);

export const putProducts = (input: AdminProductsInput): Promise<LiveProducts> =>
  adminRequest('/admin/products', { method: 'PUT', data: input, schema: productsSchema });
