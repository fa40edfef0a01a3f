import { shanghaiDate } from '@drama/shared/calendar';
import { rankingKinds, rankingRules, type RankingKind, type RankingOutput } from '@drama/shared/discovery';
import type { AnalyticsEvent } from '@drama/shared/events';
import type { CatalogReader, Series } from '../catalog/catalog';
import { summaryOf } from '../catalog/views';
import type { EventReader } from '../events/events';

/**
 * Rankings from real plays. A scheduled job reads the event stream of the last two days, computes
 * every ranking and stores each as one item; `GET /rankings/{kind}` reads that item in one GetItem
 * and fills in the series from the cached catalog. The rules (windows, weights) are in
 * `@drama/shared/discovery`:
 * - `hot`: each viewer's play of an episode in the last 24 h counts 1, and `completionBonus` more
 *   when that viewer reported the episode played to its end in the same window; a viewer replaying
 *   an episode counts once. Every published series is listed (a series nobody played scores 0).
 * - `rising`: the same figure against the 24 h before, as (now − before) / (before + smoothing);
 *   only series that grew are listed.
 * - `new`: published series, newest first publication first; the score is that time in epoch seconds.
 * Ties go to the operator's catalog order, then to the series id, so a ranking never flickers.
 */

export interface RankingEntry {
  seriesId: string;
  score: number;
}

export interface Ranking {
  kind: RankingKind;
  items: RankingEntry[];
  computedAt: string;
}

/** Where rankings are kept: one item each. */
export interface RankingStore {
  put(ranking: Ranking): Promise<void>;
  get(kind: RankingKind): Promise<Ranking | undefined>;
}

const hourMs = 3600_000;

/** Weighted plays per series among events with `from <= at < to` (epoch ms). */
export function weightedPlays(events: readonly AnalyticsEvent[], from: number, to: number): Map<string, number> {
  const started = new Map<string, string>(); // viewer + episode → series
  const completed = new Set<string>();
  for (const e of events) {
    if ((e.kind !== 'play_start' && e.kind !== 'play_complete') || !e.seriesId || e.episode === undefined) continue;
    const at = Date.parse(e.at);
    if (!(at >= from && at < to)) continue;
    const key = JSON.stringify([e.userId, e.seriesId, e.episode]);
    if (e.kind === 'play_start') started.set(key, e.seriesId);
    else completed.add(key);
  }
  const scores = new Map<string, number>();
  for (const [key, seriesId] of started) {
    scores.set(seriesId, (scores.get(seriesId) ?? 0) + 1 + (completed.has(key) ? rankingRules.completionBonus : 0));
  }
  return scores;
}

const byCatalogOrder = (a: Series, b: Series) => a.order - b.order || a.id.localeCompare(b.id);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Every ranking at `now`, from the events and the published series. Pure. */
export function rankAll(events: readonly AnalyticsEvent[], published: readonly Series[], now: Date): Record<RankingKind, RankingEntry[]> {
  const windowMs = rankingRules.windowH * hourMs;
  const end = now.getTime() + 1; // events at `now` itself count
  const current = weightedPlays(events, end - windowMs, end);
  const before = weightedPlays(events, end - 2 * windowMs, end - windowMs);
  const playsOf = (s: Series) => current.get(s.id) ?? 0;

  const hot = [...published]
    .sort((a, b) => playsOf(b) - playsOf(a) || byCatalogOrder(a, b))
    .map((s) => ({ seriesId: s.id, score: playsOf(s) }));

  const growthOf = (s: Series) => (playsOf(s) - (before.get(s.id) ?? 0)) / ((before.get(s.id) ?? 0) + rankingRules.risingSmoothing);
  const rising = published
    .filter((s) => growthOf(s) > 0)
    .sort((a, b) => growthOf(b) - growthOf(a) || playsOf(b) - playsOf(a) || byCatalogOrder(a, b))
    .map((s) => ({ seriesId: s.id, score: round3(growthOf(s)) }));

  const publishedS = (s: Series) => (s.publishedAt ? Math.floor(Date.parse(s.publishedAt) / 1000) : 0);
  const fresh = [...published]
    .sort((a, b) => publishedS(b) - publishedS(a) || byCatalogOrder(a, b))
    .map((s) => ({ seriesId: s.id, score: publishedS(s) }));

  const top = (items: RankingEntry[]) => items.slice(0, rankingRules.size);
  return { hot: top(hot), rising: top(rising), new: top(fresh) };
}

export interface RefreshRankingsPorts {
  events: EventReader;
  /** The catalog as it is now (the job reads it fresh). */
  readCatalog: () => Promise<Series[]>;
  store: RankingStore;
  now: () => Date;
}

/** The scheduled job: reads the last two days of events, stores every ranking; returns their sizes. */
export async function refreshRankings(ports: RefreshRankingsPorts): Promise<Record<RankingKind, number>> {
  const now = ports.now();
  const windowMs = rankingRules.windowH * hourMs;
  const from = shanghaiDate(new Date(now.getTime() - 2 * windowMs));
  const events = await ports.events.between(from, shanghaiDate(now));
  const published = (await ports.readCatalog()).filter((s) => s.published);
  const rankings = rankAll(events, published, now);
  const computedAt = now.toISOString();
  await Promise.all(rankingKinds.map((kind) => ports.store.put({ kind, items: rankings[kind], computedAt })));
  return Object.fromEntries(rankingKinds.map((kind) => [kind, rankings[kind].length])) as Record<RankingKind, number>;
}

export interface GetRankingPorts {
  store: RankingStore;
  catalog: CatalogReader;
  coverUrl: (key: string) => string;
  now: () => Date;
}

/** One ranking with its series' summaries; a series unpublished since the job ran is left out. */
export async function getRanking(kind: RankingKind, ports: GetRankingPorts): Promise<RankingOutput> {
  const [ranking, series] = await Promise.all([ports.store.get(kind), ports.catalog.listSeries()]);
  if (!ranking) return { items: [] };
  const byId = new Map(series.map((s) => [s.id, s]));
  const now = ports.now();
  return {
    items: ranking.items.flatMap(({ seriesId, score }) => {
      const s = byId.get(seriesId);
      return s ? [{ ...summaryOf(s, ports.coverUrl, now), score }] : [];
    }),
    computedAt: ranking.computedAt,
  };
}
