import { adminSeriesInputSchema, adminSeriesParamsSchema } from '@drama/shared/admin';
import { saveSeries } from '../domain/admin/catalog-admin';
import { json, route } from '../lib/http';
import { catalogAdminPorts } from '../wiring/admin-ports';

/** Creates or edits a series (a new one starts unpublished). */
export const handler = route({ auth: 'operator', body: adminSeriesInputSchema, params: adminSeriesParamsSchema }, async ({ body, params }) =>
  json(200, await saveSeries(params.seriesId, body, catalogAdminPorts)),
);
