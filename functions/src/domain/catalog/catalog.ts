import type { IngestState } from '../media/preview';
import type { BudgetTier, SeriesReview } from '@drama/shared/going-live';
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
  /** Seconds of a locked episode its trial preview shows (0: no previews); cut at ingest. */
  previewS: number;
  /** Ad unlocks one viewer may take of this series a Shanghai day (0: none). */
  adDailyCap: number;
  /** Compliance (going-live.ts): a series with paid episodes is on sale only with these and the licence. */
  budgetTier?: BudgetTier;
  costReportKey?: string;
  order: number;
  published: boolean;
  publishedAt?: string;
  /** When the new-drama reminder went out. */
  announcedAt?: string;
  episodes: Episode[];
  /** Each platform's review of it (publishing/job.ts keeps the detail); none yet reads as drafts (`reviewOf`). */
  review?: SeriesReview;
  /** How the platforms name its episodes, once they hold them: Douyin's album and episode ids, WeChat's media ids. */
  platformIds?: { douyin?: { albumId: string; episodeIds: Record<number, string> }; wechat?: { mediaIds: Record<number, string> } };
}

/** A series' review on both platforms: drafts where no publish job has run. */
export const reviewOf = (series: Pick<Series, 'review'>): SeriesReview => series.review ?? { douyin: { state: 'draft' }, wechat: { state: 'draft' } };

/** Episodes a viewer can see at `now`: released ones (no release time, or a past one). */
export function releasedEpisodes(series: Series, now: Date): Episode[] {
  return series.episodes.filter((e) => !e.releaseAt || Date.parse(e.releaseAt) <= now.getTime());
}

export interface Episode {
  index: number;
  title: string;
  durationS: number;
  /** What viewers are served: the ingest's output once it ran, the operator's upload until then. */
  mediaKey: string;
  /** The operator's upload (absent for episodes written before the ingest existed: then it is mediaKey). */
  sourceKey?: string;
  /** The licence the ingest burned into `mediaKey`'s opening seconds. */
  burnedLicence?: string;
  /** Overrides the series' per-episode coin price. */
  priceCoins?: number;
  /** Until then the episode is not listed or playable; at release followers are told. */
  releaseAt?: string;
  announcedAt?: string;
  /** The ingest job's state for the current media (domain/media/ingest.ts). */
  ingest?: IngestState;
  /** The marked HLS variants of this media, once its ingest made them (paid episodes are served from them). */
  hls?: HlsLayout;
}

/** The catalog port: what the playback and catalog operations need from storage. */
export interface CatalogReader {
  listSeries(): Promise<Series[]>;
  getSeries(id: string): Promise<Series | undefined>;
}
