import { adminPublishInputSchema, adminSeriesParamsSchema } from '@drama/shared/admin';
import { publishSeries } from '../domain/admin/catalog-admin';
import { json, route } from '../lib/http';
import { catalogAdminPorts } from '../wiring/admin-ports';

/** Publishes or unpublishes a series; viewers see the change within CATALOG_TTL_MS. */
export const handler = route({ auth: 'operator', body: adminPublishInputSchema, params: adminSeriesParamsSchema }, async ({ body, params }) =>
  json(200, await publishSeries(params.seriesId, body.published, catalogAdminPorts)),
);
