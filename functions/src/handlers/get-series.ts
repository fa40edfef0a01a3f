import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { viewerPlatformOf } from '@drama/shared/going-live';
import { seriesPage } from '../domain/catalog/series-page';
import { json, route } from '../lib/http';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { seriesPorts } from '../wiring/catalog-ports';

export const handler = route({ auth: 'optional', params: getSeriesParamsSchema }, async ({ event, params, caller }) =>
  json(200, await seriesPage(params.seriesId, caller?.userId ?? null, viewerPlatformOf(viewerPlatformQuery(event).platform), seriesPorts)),
);
