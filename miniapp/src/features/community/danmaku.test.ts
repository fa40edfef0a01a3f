import { danmakuBand } from '@drama/shared/comments';
import { dueComments, laneCount, laneGapS, laneTop, pickLane } from './danmaku';

describe('danmaku scheduling', () => {
  const comments = [{ atS: 1.2, t: 'a' }, { t: 'untimed' }, { atS: 3, t: 'c' }, { atS: 2.5, t: 'b' }];

  it('starts the comments whose time playback just passed, in order, and none across a seek', () => {
    expect(dueComments(comments, 1, 3).map((c) => c.t)).toEqual(['a', 'b', 'c']);
    expect(dueComments(comments, 1.2, 2.5).map((c) => c.t)).toEqual(['b']);
    expect(dueComments(comments, 3, 1)).toEqual([]); // went back
    expect(dueComments(comments, 0, 9)).toEqual([]); // jumped ahead
  });

  it('keeps every lane inside the band above the subtitles, at every density', () => {
    for (const density of ['low', 'normal', 'high'] as const) {
      const lanes = laneCount(density);
      const tops = Array.from({ length: lanes }, (_, i) => laneTop(i, lanes));
      expect(tops[0]).toBe(danmakuBand.top);
      // The last lane's row ends where the band ends.
      expect(tops[lanes - 1] + (danmakuBand.bottom - danmakuBand.top) / lanes).toBeCloseTo(danmakuBand.bottom, 10);
    }
    expect(laneCount('high')).toBeGreaterThan(laneCount('normal'));
    expect(laneCount('normal')).toBeGreaterThan(laneCount('low'));
  });

  it('gives a comment the first lane clear of the last one, or none when all are busy', () => {
    expect(pickLane([0, 0, 0], 10)).toBe(0);
    expect(pickLane([10, 0, 0], 10)).toBe(1);
    expect(pickLane([10, 10, 10], 10 + laneGapS / 2)).toBeNull();
    expect(pickLane([10, 10, 10], 10 + laneGapS)).toBe(0);
  });
});
