import { json, route } from '../lib/http';
import { products } from '../lib/ports';

/** The coin packs and membership plans on sale: the operator's prices over shared/products.ts's defaults. */
export const handler = route({ auth: 'none' }, async () => json(200, await products.get(), { 'cache-control': 'public, max-age=60' }));
