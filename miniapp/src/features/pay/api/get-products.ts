import { productsOutputSchema, type ProductsOutput } from '@drama/shared/products';
import { apiRequest } from '@/lib/api-client';
import { viewerPlatform } from '@/lib/capabilities';
import { useAsync } from '@/lib/use-async';

/**
 * GET /products: what can be bought, at the prices the functions charge (shared/products.ts). On
 * WeChat the auto-renewing plans are listed only where signing is offered (?platform=).
 */
export const getProducts = (): Promise<ProductsOutput> => apiRequest(`/products?platform=${viewerPlatform()}`, { schema: productsOutputSchema, auth: 'none' });

export const useGetProducts = () => useAsync(getProducts, []);
