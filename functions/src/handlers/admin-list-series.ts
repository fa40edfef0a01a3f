import { listAllSeries } from '../domain/admin/catalog-admin';
import { json, route } from '../lib/http';
import { catalogAdminPorts } from '../wiring/admin-ports';

/** Every series with its episodes, published or not. */
export const handler = route({ auth: 'operator' }, async () => json(200, { items: await listAllSeries(catalogAdminPorts) }, { 'cache-control': 'no-store' }));
