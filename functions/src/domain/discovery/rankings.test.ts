import type { AnalyticsEvent } from '@drama/shared/events';
import type { RankingKind } from '@drama/shared/discovery';
import type { Series } from '../catalog/catalog';
import { getRanking, rankAll, refreshRankings, type Ranking, type RankingStore } from './rankings';

const now = new Date('2026-03-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

function series(id: string, order: number, extra: Partial<Series> = {}): Series {
  return { id, title: id, genre: '逆袭', synopsis: '', tags: [], coverKey: `covers/${id}.jpg`, freeEpisodes: 1, episodePriceCoins: 10, seriesPriceFen: 100, previewS: 0, adDailyCap: 0, order, published: true, episodes: [{ index: 1, title: '1', durationS: 10, mediaKey: 'm' }], ...extra };
}

const play = (userId: string, seriesId: string, episode: number, h: number): AnalyticsEvent => ({ kind: 'play_start', userId, seriesId, episode, at: hoursAgo(h) });
const complete = (userId: string, seriesId: string, episode: number, h: number): AnalyticsEvent => ({ kind: 'play_complete', userId, seriesId, episode, at: hoursAgo(h) });

const catalog = [series('a', 0), series('b', 1), series('c', 2), series('d', 3)];

describe('rankAll: hot', () => {
  it('orders by plays of the last 24 h, a completed play counting three times a play that was left', () => {
    const events = [
      play('u1', 'a', 1, 1),
      play('u2', 'a', 1, 2),
      play('u3', 'a', 2, 3), // a: 3 plays, none completed → 3
      play('u1', 'b', 1, 1),
      complete('u1', 'b', 1, 0.9), // b: 1 completed play → 3
      play('u2', 'b', 1, 5), // b: + 1 → 4
      play('u9', 'c', 1, 0.5),
    ];
    expect(rankAll(events, catalog, now).hot).toEqual([
      { seriesId: 'b', score: 4 },
      { seriesId: 'a', score: 3 },
      { seriesId: 'c', score: 1 },
      { seriesId: 'd', score: 0 },
    ]);
  });

  it('counts a viewer replaying an episode once, and nothing outside the window', () => {
    const events = [
      play('u1', 'a', 1, 1),
      play('u1', 'a', 1, 2),
      play('u1', 'a', 1, 3),
      play('u2', 'b', 1, 23.9),
      play('u3', 'b', 1, 24.1), // before the window
      play('u4', 'c', 1, -0.5), // after now
      complete('u5', 'c', 1, 1), // a completion without its play in the window counts nothing
    ];
    const hot = rankAll(events, catalog, now).hot;
    expect(hot.find((r) => r.seriesId === 'a')!.score).toBe(1);
    expect(hot.find((r) => r.seriesId === 'b')!.score).toBe(1);
    expect(hot.find((r) => r.seriesId === 'c')!.score).toBe(0);
  });

  it('breaks ties by the catalog order, then the id, and leaves unpublished series out', () => {
    const tied = [series('z', 0), series('y', 5), series('x', 5)];
    const events = [play('u1', 'z', 1, 1), play('u1', 'y', 1, 1), play('u1', 'x', 1, 1), play('u1', 'gone', 1, 1)];
    expect(rankAll(events, tied, now).hot.map((r) => r.seriesId)).toEqual(['z', 'x', 'y']);
    expect(rankAll(events.reverse(), [...tied].reverse(), now).hot.map((r) => r.seriesId)).toEqual(['z', 'x', 'y']);
  });
});

describe('rankAll: rising and new', () => {
  it('ranks growth over the previous 24 h, smoothed, and lists only series that grew', () => {
    const many = (seriesId: string, n: number, h: number, tag: string) => Array.from({ length: n }, (_, i) => play(`${tag}${i}`, seriesId, 1, h));
    const events = [
      ...many('a', 20, 30, 'old'), // a: 20 → 60
      ...many('a', 60, 2, 'new'),
      ...many('b', 0, 30, 'old'), // b: 0 → 1, a single play does not make a trend
      ...many('b', 1, 2, 'new'),
      ...many('c', 10, 30, 'old'), // c: 10 → 5, falling
      ...many('c', 5, 2, 'new'),
      ...many('d', 3, 30, 'old'), // d: 3 → 3, flat
      ...many('d', 3, 2, 'new'),
    ];
    const rising = rankAll(events, catalog, now).rising;
    expect(rising).toEqual([
      { seriesId: 'a', score: Math.round((40 / 23) * 1000) / 1000 },
      { seriesId: 'b', score: Math.round((1 / 3) * 1000) / 1000 },
    ]);
  });

  it('lists the newest publication first, series never published with a date last', () => {
    const dated = [series('old', 0, { publishedAt: hoursAgo(100) }), series('fresh', 1, { publishedAt: hoursAgo(1) }), series('undated', 2)];
    expect(rankAll([], dated, now).new).toEqual([
      { seriesId: 'fresh', score: Math.floor(Date.parse(hoursAgo(1)) / 1000) },
      { seriesId: 'old', score: Math.floor(Date.parse(hoursAgo(100)) / 1000) },
      { seriesId: 'undated', score: 0 },
    ]);
  });
});

function memoryRankings(): RankingStore & { saved: Map<RankingKind, Ranking> } {
  const saved = new Map<RankingKind, Ranking>();
  return { saved, put: async (r) => void saved.set(r.kind, r), get: async (kind) => saved.get(kind) };
}

describe('refreshRankings and getRanking', () => {
  it('reads the two days of events the windows need, stores each ranking, and serves it with summaries', async () => {
    const store = memoryRankings();
    const asked: string[][] = [];
    const events = [play('u1', 'b', 1, 1), play('u2', 'b', 1, 30)];
    const sizes = await refreshRankings({
      events: { between: async (from, to) => (asked.push([from, to]), events) },
      readCatalog: async () => [...catalog, series('hidden', 9, { published: false })],
      store,
      now: () => now,
    });
    // 2026-03-10 12:00 UTC is 20:00 in Shanghai: 48 h before is 2026-03-08.
    expect(asked).toEqual([['2026-03-08', '2026-03-10']]);
    expect(sizes).toEqual({ hot: 4, new: 4, rising: 0 });
    expect(store.saved.get('hot')!.items[0]).toEqual({ seriesId: 'b', score: 1 });

    const reader = { listSeries: async () => catalog.filter((s) => s.id !== 'c'), getSeries: async () => undefined };
    const hot = await getRanking('hot', { store, catalog: reader, coverUrl: (k) => `https://cdn/${k}`, now: () => now });
    expect(hot.items.map((i) => [i.id, i.score])).toEqual([['b', 1], ['a', 0], ['d', 0]]);
    expect(hot.items[0].cover).toBe('https://cdn/covers/b.jpg');
    expect(hot.computedAt).toBe(now.toISOString());
    expect(await getRanking('rising', { store: memoryRankings(), catalog: reader, coverUrl: String, now: () => now })).toEqual({ items: [] });
  });
});
