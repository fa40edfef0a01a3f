import { continueWatchingFirst } from './continue-watching';

const series = ['a', 'b', 'c', 'd'].map((id) => ({ id, episodeCount: 5 }));
const at = (seriesId: string, episode: number, positionS: number) => ({ seriesId, episode, positionS, updatedAt: '2025-03-05T10:00:00.000Z' });

describe('continueWatchingFirst', () => {
  it('puts started series first, newest first, where they were left; the rest keep catalog order', () => {
    const feed = continueWatchingFirst(series, [at('c', 4, 12.5), at('a', 2, 3), at('gone', 1, 0)]);

    expect(feed.map((e) => [e.series.id, e.resume?.episode, e.resume?.positionS])).toEqual([
      ['c', 4, 12.5],
      ['a', 2, 3],
      ['b', undefined, undefined],
      ['d', undefined, undefined],
    ]);
  });
});
