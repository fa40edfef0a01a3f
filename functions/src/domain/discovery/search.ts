import type { SearchOutput } from '@drama/shared/discovery';
import type { CatalogReader, Series } from '../catalog/catalog';
import { summaryOf } from '../catalog/views';
import { SearchIndex } from './search-index';

/**
 * `GET /search?q=`. The port is `SeriesSearch`: today the in-process index, rebuilt whenever the
 * cached catalog changes (a warm function builds it once per catalog refresh, in milliseconds). A
 * catalog too big for one function's memory would put a search service (OpenSearch with a Chinese
 * analyzer and a pinyin plugin, fed from the catalog's changes) behind the same port.
 */
export interface SeriesSearch {
  search(query: string, playsOf: (seriesId: string) => number): Promise<Series[]>;
}

/** The in-process index over the published catalog, rebuilt when the catalog it was built from changes. */
export function inProcessSearch(catalog: CatalogReader): SeriesSearch {
  let index: SearchIndex | undefined;
  return {
    async search(query, playsOf) {
      const series = await catalog.listSeries();
      // The cached catalog hands back the same series objects until it reloads.
      if (!index || index.series.length !== series.length || index.series.some((s, i) => s !== series[i])) index = new SearchIndex(series);
      return index.search(query, playsOf);
    },
  };
}

export interface SearchPorts {
  search: SeriesSearch;
  /** Plays behind the 热播榜 (its figure per series), to order equally good matches. */
  plays: () => Promise<Map<string, number>>;
  coverUrl: (key: string) => string;
  now: () => Date;
}

export async function searchSeries(query: string, ports: SearchPorts): Promise<SearchOutput> {
  const plays = await ports.plays();
  const found = await ports.search.search(query, (id) => plays.get(id) ?? 0);
  const now = ports.now();
  return { items: found.map((s) => summaryOf(s, ports.coverUrl, now)) };
}
