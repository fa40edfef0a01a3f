import type { HistoryOutput } from '@drama/shared/habits';

type HistoryItem = HistoryOutput['items'][number];

export interface FeedEntry<S> {
  series: S;
  /** Where the user left it (继续观看), if they did. */
  resume?: { episode: number; positionS: number };
}

/**
 * The feed's order: series the user has started (GET /me/history, newest first) lead, each at the
 * episode and position it was left at; the rest follow in catalog order. (A history episode past
 * the list's count is kept: the list may be a cached copy from before that episode came out.)
 */
export function continueWatchingFirst<S extends { id: string }>(series: S[], history: HistoryItem[]): Array<FeedEntry<S>> {
  const byId = new Map(series.map((s) => [s.id, s]));
  const started: Array<FeedEntry<S>> = [];
  for (const h of history) {
    const s = byId.get(h.seriesId);
    if (!s) continue;
    byId.delete(h.seriesId);
    started.push({ series: s, resume: { episode: h.episode, positionS: h.positionS } });
  }
  return [...started, ...series.filter((s) => byId.has(s.id)).map((s) => ({ series: s }))];
}
