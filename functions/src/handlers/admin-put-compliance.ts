import { adminSeriesParamsSchema } from '@drama/shared/admin';
import { complianceInputSchema } from '@drama/shared/going-live';
import { saveCompliance } from '../domain/admin/catalog-admin';
import { json, route } from '../lib/http';
import { catalogAdminPorts } from '../wiring/admin-ports';

/** Records a series' budget tier, licence and cost report (上线合规); a new licence is burned in again. */
export const handler = route({ auth: 'operator', body: complianceInputSchema, params: adminSeriesParamsSchema }, async ({ body, params }) =>
  json(200, await saveCompliance(params.seriesId, body, catalogAdminPorts)),
);
