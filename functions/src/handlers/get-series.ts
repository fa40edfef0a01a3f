import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { seriesPage } from '../domain/catalog/series-page';
import { viewerPlatformOf } from '@drama/shared/going-live';
import { visibleOn } from '../domain/catalog/visibility';
import { config } from '../lib/config';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { json, route } from '../lib/http';
import { catalog, clock, holdings, media, products } from '../lib/ports';

export const handler = route({ auth: 'optional', params: getSeriesParamsSchema }, async ({ event, params, caller }) => {
  const platform = viewerPlatformOf(viewerPlatformQuery(event).platform);
  const visible = (series: Parameters<typeof visibleOn>[0]) => visibleOn(series, platform, config().publishing.visibility);
  return json(200, await seriesPage(params.seriesId, caller?.userId ?? null, { catalog, holdings, coverUrl: media.coverUrl, products: () => products.get(), visible, now: clock }));
});
