import type { GetSeriesOutput, ListSeriesOutput } from '@drama/shared/catalog';
import type { CatalogVisibility, ViewerPlatform } from '@drama/shared/going-live';
import type { ProductCatalog } from '@drama/shared/products';
import { NotFound } from '../errors';
import type { HoldingsReader } from '../playback/play';
import { seriesCostToFinish } from '../playback/paywall';
import type { CatalogReader } from './catalog';
import { episodeViews, summaryOf } from './views';
import { visibleOn } from './visibility';

export interface SeriesPagePorts {
  catalog: CatalogReader;
  holdings: HoldingsReader;
  coverUrl: (key: string) => string;
  products?: () => Promise<ProductCatalog>;
  /** Which published series viewers see (visibility.ts): a series the viewer's platform does not show is not found. */
  visibility: () => CatalogVisibility;
  now: () => Date;
}

/** GET /series: the published series the viewer's platform shows (inside Douyin or WeChat, what it approved). */
export async function listSeries(viewer: ViewerPlatform, ports: Pick<SeriesPagePorts, 'catalog' | 'coverUrl' | 'visibility' | 'now'>): Promise<ListSeriesOutput> {
  const series = (await ports.catalog.listSeries()).filter((s) => visibleOn(s, viewer, ports.visibility()));
  const now = ports.now();
  return { items: series.map((s) => summaryOf(s, ports.coverUrl, now)) };
}

/** GET /series/{id}: the series, its episodes locked or not for the caller, and (signed in) what finishing it costs. */
export async function seriesPage(seriesId: string, userId: string | null, viewer: ViewerPlatform, ports: SeriesPagePorts): Promise<GetSeriesOutput> {
  const series = await ports.catalog.getSeries(seriesId);
  if (!series || !series.published || !visibleOn(series, viewer, ports.visibility())) throw new NotFound(`no series ${seriesId}`);
  const now = ports.now();
  const held = userId ? await ports.holdings.holdingsOf(userId) : {};
  return {
    series: summaryOf(series, ports.coverUrl, now),
    episodes: episodeViews(series, held, now),
    ...(userId ? { costToFinish: await seriesCostToFinish(series, held, now, ports.products) } : {}),
  };
}
