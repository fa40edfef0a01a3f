import type { EpisodeView, SeriesSummary } from '@drama/shared/catalog';
import { isLocked, type Holdings, type SeriesTerms } from '@drama/shared/entitlement';
import { releasedEpisodes, type Series } from './catalog';

export function termsOf(series: Series): SeriesTerms {
  return {
    id: series.id,
    episodeCount: series.episodes.length,
    freeEpisodes: series.freeEpisodes,
    episodePriceCoins: series.episodePriceCoins,
    seriesPriceFen: series.seriesPriceFen,
    adDailyCap: series.adDailyCap,
  };
}

export function summaryOf(series: Series, coverUrl: (key: string) => string, now: Date): SeriesSummary {
  return {
    id: series.id,
    title: series.title,
    genre: series.genre,
    synopsis: series.synopsis,
    tags: series.tags,
    cover: coverUrl(series.coverKey),
    episodeCount: releasedEpisodes(series, now).length,
    freeEpisodes: series.freeEpisodes,
    episodePriceCoins: series.episodePriceCoins,
    seriesPriceFen: series.seriesPriceFen,
    ...(series.licence ? { licence: series.licence } : {}),
    ...(series.cast?.length ? { cast: series.cast } : {}),
  };
}

export function episodeViews(series: Series, holdings: Holdings, now: Date): EpisodeView[] {
  const terms = termsOf(series);
  return releasedEpisodes(series, now).map((e) => ({
    index: e.index,
    title: e.title,
    durationS: e.durationS,
    free: e.index <= series.freeEpisodes,
    locked: isLocked(terms, e.index, holdings, now),
  }));
}
