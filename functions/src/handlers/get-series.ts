import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { seriesPage } from '../domain/catalog/series-page';
import { json, route } from '../lib/http';
import { catalog, clock, holdings, media, products } from '../lib/ports';

export const handler = route({ auth: 'optional', params: getSeriesParamsSchema }, async ({ params, caller }) =>
  json(200, await seriesPage(params.seriesId, caller?.userId ?? null, { catalog, holdings, coverUrl: media.coverUrl, products: () => products.get(), now: clock })),
);
