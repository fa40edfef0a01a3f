import type { AdminProductsInput } from '@drama/shared/admin';
import { productsOutputSchema, type ProductsOutput } from '@drama/shared/products';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

/** GET and PUT /admin/products: the coin packs and membership prices on sale. */
export const useAdminProducts = () => useAsync(() => adminRequest('/admin/products', { schema: productsOutputSchema }), []);

export const putProducts = (input: AdminProductsInput): Promise<ProductsOutput> =>
  adminRequest('/admin/products', { method: 'PUT', data: input, schema: productsOutputSchema });
