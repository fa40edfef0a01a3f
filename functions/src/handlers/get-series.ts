import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { viewerPlatformOf } from '@drama/shared/going-live';
import { seriesPage } from '../domain/catalog/series-page';
import { visibleOn } from '../domain/catalog/visibility';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { catalog, clock, holdings, media, products } from '../wiring/ports';

export const handler = route({ auth: 'optional', params: getSeriesParamsSchema }, async ({ event, params, caller }) => {
  const platform = viewerPlatformOf(viewerPlatformQuery(event).platform);
  const visible = (series: Parameters<typeof visibleOn>[0]) => visibleOn(series, platform, config().publishing.visibility);
  return json(200, await seriesPage(params.seriesId, caller?.userId ?? null, { catalog, holdings, coverUrl: media.coverUrl, products: () => products.get(), visible, now: clock }));
});
