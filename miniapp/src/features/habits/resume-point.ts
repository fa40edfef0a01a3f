import { getHistory } from './api/get-history';

/**
 * Where to start an episode: the position saved for it, from GET /me/history, unless this session
 * has played the series since (the saves made here are newer than what the server last said).
 */
const played = new Map<string, { episode: number; positionS: number }>();

/** The player's latest position, kept as it plays (saved to the server throttled). */
export function noteProgress(seriesId: string, episode: number, positionS: number): void {
  played.set(seriesId, { episode, positionS });
}

/** Seconds into `episode` to start at; 0 when it was never left part-way. */
export async function resumePosition(seriesId: string, episode: number): Promise<number> {
  const last = played.get(seriesId) ?? (await getHistory()).items.find((i) => i.seriesId === seriesId);
  return last && last.episode === episode ? last.positionS : 0;
}

/**
 * Where a saved position should start playback: a position in the last seconds of the episode means
 * it was watched to the end, so it starts over instead of ending at once.
 */
export function startAt(positionS: number, durationS?: number): number {
  if (durationS && positionS >= durationS - 3) return 0;
  return positionS;
}

/** Tests start from nothing. */
export function forgetProgress(): void {
  played.clear();
}
