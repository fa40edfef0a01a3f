import { useCallback, useEffect, useRef } from 'react';
import { useDidHide } from '@tarojs/taro';
import { saveProgress } from '../api/save-progress';
import { noteProgress } from '../resume-point';

/**
 * Saves where the user is in an episode (PUT /progress): at most one save every `everyMs` while it
 * plays (the server drops saves of one episode under 5 s apart anyway), and at once on pause, at
 * the end, on leaving the page or the episode. Saves are fire-and-forget: a lost one costs a few
 * seconds of resume point, never an error on screen.
 */
export const progressSaveEveryMs = 10_000;

export interface ProgressSaver {
  /** Playback time, as it advances. */
  onTime: (positionS: number, durationS?: number) => void;
  /** Save now (pause, leaving). */
  flush: () => void;
  /** The episode played to the end (a completed play, which 热播榜 counts): resume at the start of `next` (or of this one, the last). */
  finish: (next?: number) => void;
}

/** Seconds before the end that count as watched to the end. */
const endMarginS = 3;

export function useProgressSaver(seriesId: string, episode: number, everyMs = progressSaveEveryMs): ProgressSaver {
  const pending = useRef<{ episode: number; positionS: number; endedEpisode?: number } | null>(null);
  // The first timed save comes a full interval in: a save at the very start would only make the
  // server drop the save on leaving a few seconds later (same episode, under 5 s apart).
  const lastSentAt = useRef(Date.now());

  const flush = useCallback(() => {
    const p = pending.current;
    if (!p || !seriesId) return;
    pending.current = null;
    lastSentAt.current = Date.now();
    saveProgress({ seriesId, ...p }).catch(() => undefined);
  }, [seriesId]);

  const record = useCallback(
    (ep: number, positionS: number, endedEpisode?: number) => {
      pending.current = { episode: ep, positionS, ...(endedEpisode ? { endedEpisode } : {}) };
      noteProgress(seriesId, ep, positionS);
    },
    [seriesId],
  );

  const onTime = useCallback(
    (positionS: number, durationS?: number) => {
      if (!seriesId || !(positionS >= 0)) return;
      // A resume point in the last seconds would end the episode as soon as it opens.
      const finished = durationS !== undefined && durationS > endMarginS && positionS >= durationS - endMarginS;
      record(episode, finished ? 0 : Math.round(positionS * 10) / 10);
      if (Date.now() - lastSentAt.current >= everyMs) flush();
    },
    [seriesId, episode, everyMs, record, flush],
  );

  const finish = useCallback(
    (next?: number) => {
      if (!seriesId) return;
      record(next ?? episode, 0, episode);
      flush();
    },
    [seriesId, episode, record, flush],
  );

  // Leaving the episode (the next one starts) or the page: save where it was left.
  useEffect(() => flush, [seriesId, episode, flush]);
  useDidHide(flush);

  return { onTime, flush, finish };
}
