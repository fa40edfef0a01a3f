import type { GetSeriesOutput } from '@drama/shared/catalog';
import type { ProductCatalog } from '@drama/shared/products';
import { NotFound } from '../errors';
import type { HoldingsReader } from '../playback/play';
import { seriesCostToFinish } from '../playback/paywall';
import type { CatalogReader, Series } from './catalog';
import { episodeViews, summaryOf } from './views';

export interface SeriesPagePorts {
  catalog: CatalogReader;
  holdings: HoldingsReader;
  coverUrl: (key: string) => string;
  products?: () => Promise<ProductCatalog>;
  /** Whether the viewer's platform shows this published series (visibility.ts): unseen is not found. */
  visible: (series: Series) => boolean;
  now: () => Date;
}

/** GET /series/{id}: the series, its episodes locked or not for the caller, and (signed in) what finishing it costs. */
export async function seriesPage(seriesId: string, userId: string | null, ports: SeriesPagePorts): Promise<GetSeriesOutput> {
  const series = await ports.catalog.getSeries(seriesId);
  if (!series || !series.published || !ports.visible(series)) throw new NotFound(`no series ${seriesId}`);
  const now = ports.now();
  const held = userId ? await ports.holdings.holdingsOf(userId) : {};
  return {
    series: summaryOf(series, ports.coverUrl, now),
    episodes: episodeViews(series, held, now),
    ...(userId ? { costToFinish: await seriesCostToFinish(series, held, now, ports.products) } : {}),
  };
}
