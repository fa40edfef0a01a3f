import type { SeriesSummary } from '@drama/shared/catalog';

/** The home page's tabs: 推荐 (the swiped feed), the rankings, and categories from the series' tags. */
export type HomeTab = { kind: 'feed' } | { kind: 'ranking'; ranking: 'hot' | 'new' } | { kind: 'category'; tag: string };

export const fixedTabs: Array<{ tab: HomeTab; label: string }> = [
  { tab: { kind: 'feed' }, label: '推荐' },
  { tab: { kind: 'ranking', ranking: 'hot' }, label: '热播榜' },
  { tab: { kind: 'ranking', ranking: 'new' }, label: '新剧' },
];

export const sameTab = (a: HomeTab, b: HomeTab) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Categories from the tags the series carry: the tags most series share first; among equals, the
 * ones series list earlier (a series' first tag is its main one), then the catalog's order.
 */
export function categoriesOf(series: readonly SeriesSummary[], max = 6): string[] {
  const seen = new Map<string, { count: number; rank: number; first: number }>();
  series.forEach((s, order) =>
    s.tags.forEach((tag, rank) => {
      const t = seen.get(tag);
      if (t) Object.assign(t, { count: t.count + 1, rank: Math.min(t.rank, rank) });
      else seen.set(tag, { count: 1, rank, first: order });
    }),
  );
  return [...seen.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.rank - b.rank || a.first - b.first)
    .slice(0, max)
    .map(([tag]) => tag);
}
