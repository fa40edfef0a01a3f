import { adminEpisodeInputSchema, adminEpisodeParamsSchema } from '@drama/shared/admin';
import { saveEpisode } from '../domain/admin/catalog-admin';
import { json, route } from '../lib/http';
import { catalogAdminPorts } from '../wiring/admin-ports';

/** Creates or edits one episode: its media (uploaded first), price override and release time. */
export const handler = route({ auth: 'operator', body: adminEpisodeInputSchema, params: adminEpisodeParamsSchema }, async ({ body, params }) =>
  json(200, await saveEpisode(params.seriesId, params.index, body, catalogAdminPorts)),
);
