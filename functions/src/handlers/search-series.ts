import { searchQuerySchema } from '@drama/shared/discovery';
import { searchSeries } from '../domain/discovery/search';
import { json, parseQuery, route } from '../lib/http';
import { searchPorts } from '../wiring/community-ports';

/** Search as viewers type: characters, full pinyin, pinyin initials. */
export const handler = route({ auth: 'none' }, async ({ event }) =>
  json(200, await searchSeries(parseQuery(searchQuerySchema, event).q, searchPorts), { 'cache-control': 'public, max-age=30' }),
);
