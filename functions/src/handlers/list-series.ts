import { viewerPlatformOf } from '@drama/shared/going-live';
import { summaryOf } from '../domain/catalog/views';
import { visibleOn } from '../domain/catalog/visibility';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { catalog, clock, media } from '../wiring/ports';

export const handler = route({ auth: 'none' }, async ({ event }) => {
  // Inside Douyin or WeChat (?platform=), the list holds what that platform approved.
  const viewer = viewerPlatformOf(viewerPlatformQuery(event).platform);
  const series = (await catalog.listSeries()).filter((s) => visibleOn(s, viewer, config().publishing.visibility));
  const now = clock();
  return json(200, { items: series.map((s) => summaryOf(s, media.coverUrl, now)) }, { 'cache-control': 'public, max-age=10' });
});
