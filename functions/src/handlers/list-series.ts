import { viewerPlatformOf } from '@drama/shared/going-live';
import { listSeries } from '../domain/catalog/series-page';
import { json, route } from '../lib/http';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { seriesPorts } from '../wiring/catalog-ports';

/** Inside Douyin or WeChat (?platform=), the list holds what that platform approved. */
export const handler = route({ auth: 'none' }, async ({ event }) =>
  json(200, await listSeries(viewerPlatformOf(viewerPlatformQuery(event).platform), seriesPorts), { 'cache-control': 'public, max-age=10' }),
);
