import { summaryOf } from '../domain/catalog/views';
import { json, route } from '../lib/http';
import { catalog, clock, media } from '../lib/ports';

export const handler = route({ auth: 'none' }, async () => {
  const series = await catalog.listSeries();
  const now = clock();
  return json(200, { items: series.map((s) => summaryOf(s, media.coverUrl, now)) }, { 'cache-control': 'public, max-age=10' });
});
