import { adminProductsInputSchema } from '@drama/shared/admin';
import { setProducts } from '../domain/admin/products';
import { json, route } from '../lib/http';
import { products } from '../wiring/admin-ports';

/** Replaces the coin packs and membership prices; orders are priced from them from now on. */
export const handler = route({ auth: 'operator', body: adminProductsInputSchema }, async ({ body }) => json(200, await setProducts(body, { products })));
