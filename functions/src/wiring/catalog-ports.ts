import type { SeriesPagePorts } from '../domain/catalog/series-page';
import { config } from '../lib/config';
import { catalog, clock, holdings, media, products } from './ports';

/** The viewers' catalog routes: the cached catalog, the caller's holdings, cover URLs, prices, the visibility setting. */
export const seriesPorts: SeriesPagePorts = {
  catalog,
  holdings,
  coverUrl: media.coverUrl,
  products: () => products.get(),
  visibility: () => config().publishing.visibility,
  now: clock,
};
