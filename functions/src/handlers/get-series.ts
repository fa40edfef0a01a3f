import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { viewerPlatformOf } from '@drama/shared/going-live';
import { visibleOn } from '../domain/catalog/visibility';
import { config } from '../lib/config';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { episodeViews, summaryOf } from '../domain/catalog/views';
import { NotFound } from '../domain/errors';
import { json, route } from '../lib/http';
import { catalog, clock, holdings, media } from '../lib/ports';

export const handler = route({ auth: 'optional', params: getSeriesParamsSchema }, async ({ event, params, caller }) => {
  const series = await catalog.getSeries(params.seriesId);
  if (!series || !visibleOn(series, viewerPlatformOf(viewerPlatformQuery(event).platform), config().publishing.visibility)) throw new NotFound(`no series ${params.seriesId}`);
  const held = caller ? await holdings.holdingsOf(caller.userId) : {};
  return json(200, { series: summaryOf(series, media.coverUrl, clock()), episodes: episodeViews(series, held, clock()) });
});
