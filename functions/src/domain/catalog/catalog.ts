import type { HlsLayout } from '../media/hls';
import type { Genre } from './types';

/** A series as stored, with its episodes in index order. */
export interface Series {
  id: string;
  title: string;
  genre: Genre;
  synopsis: string;
  tags: string[];
  coverKey: string;
  freeEpisodes: number;
  episodePriceCoins: number;
  seriesPriceFen: number;
  licence?: string;
  /** 主演, as the credits name them (searchable). */
  cast?: string[];
  order: number;
  published: boolean;
  publishedAt?: string;
  /** When the new-drama reminder went out. */
  announcedAt?: string;
  episodes: Episode[];
}

/** Episodes a viewer can see at `now`: released ones (no release time, or a past one). */
export function releasedEpisodes(series: Series, now: Date): Episode[] {
  return series.episodes.filter((e) => !e.releaseAt || Date.parse(e.releaseAt) <= now.getTime());
}

export interface Episode {
  index: number;
  title: string;
  durationS: number;
  mediaKey: string;
  /** Overrides the series' per-episode coin price. */
  priceCoins?: number;
  /** Until then the episode is not listed or playable; at release followers are told. */
  releaseAt?: string;
  announcedAt?: string;
  /** The marked HLS variants of this media, once its ingest made them (paid episodes are served from them). */
  hls?: HlsLayout;
}

/** The catalog port: what the playback and catalog operations need from storage. */
export interface CatalogReader {
  listSeries(): Promise<Series[]>;
  getSeries(id: string): Promise<Series | undefined>;
}
