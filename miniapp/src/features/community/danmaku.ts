import { danmakuBand } from '@drama/shared/comments';

/**
 * 弹幕 scheduling, pure: which comments start flying as playback moves on, and in which lane.
 * Lanes split the band above the subtitles (`danmakuBand`); the density setting is how many lanes
 * there are. A lane takes a new comment only once the last one has cleared the entry edge, so
 * texts never overlap; a comment that finds every lane busy is skipped at that density.
 */
export const danmakuDensities = ['low', 'normal', 'high'] as const;
export type DanmakuDensity = (typeof danmakuDensities)[number];
export const densityLabel: Record<DanmakuDensity, string> = { low: '少', normal: '适中', high: '多' };
const lanesOf: Record<DanmakuDensity, number> = { low: 3, normal: 5, high: 8 };

/** Seconds a comment takes to cross the picture. */
export const flightS = 8;
/** Seconds after a lane's last start before it takes another. */
export const laneGapS = 1.5;
/** A jump in playback time bigger than this (a seek, a new episode) starts no backlog of comments. */
const jumpS = 2;

export const laneCount = (density: DanmakuDensity) => lanesOf[density];

/** Where lane `lane` of `lanes` starts, as a fraction of the picture's height from its top. */
export function laneTop(lane: number, lanes: number): number {
  return danmakuBand.top + ((danmakuBand.bottom - danmakuBand.top) * lane) / lanes;
}

/** The comments timed in (from, to] of playback, in time order; none across a jump. */
export function dueComments<T extends { atS?: number }>(comments: readonly T[], from: number, to: number): T[] {
  if (!(to > from) || to - from > jumpS) return [];
  return comments.filter((c) => c.atS !== undefined && c.atS > from && c.atS <= to).sort((a, b) => a.atS! - b.atS!);
}

/** The first lane free at `nowS` (wall clock) given when each lane last took a comment; null when all are busy. */
export function pickLane(lastStarts: readonly number[], nowS: number): number | null {
  const lane = lastStarts.findIndex((started) => nowS - started >= laneGapS);
  return lane < 0 ? null : lane;
}
