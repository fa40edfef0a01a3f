import { productsOnSale } from '../domain/admin/products';
import { json, route } from '../lib/http';
import { products } from '../wiring/admin-ports';

/** The coin packs and membership prices on sale now (the operator's, or the defaults). */
export const handler = route({ auth: 'operator' }, async () => json(200, await productsOnSale({ products }), { 'cache-control': 'no-store' }));
