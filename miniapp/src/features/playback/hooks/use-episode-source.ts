import { useEffect, useState } from 'react';
import type { CostToFinish, Preview } from '@drama/shared/paywall';
import type { Offer } from '@drama/shared/playback';
import { forgetPlay, usePlayEpisode } from '../api/play-episode';
import { openInPlayletPlayer } from '../douyin-playlet';

export type EpisodeSource =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'locked'; offers: Offer[]; message: string; costToFinish: CostToFinish; preview?: Preview; retry: () => void }
  | { status: 'playable'; url: string; onMediaError: () => void; overlay: boolean };

/**
 * What to play for an episode: POST /play's answer, plus one recovery when the media itself fails
 * (a signed URL can lapse while a video sits paused): fetch a fresh URL once, then show the error.
 */
export function useEpisodeSource(seriesId: string, episode: number): EpisodeSource {
  const play = usePlayEpisode(seriesId, episode);
  const [mediaFailures, setMediaFailures] = useState(0);
  useEffect(() => setMediaFailures(0), [seriesId, episode]);
  // In Douyin, an entitled episode of an online album plays in Douyin's playlet player.
  const playlet = play.status === 'success' && play.data.kind === 'playable' ? play.data.playlet : undefined;
  const { albumId, episodeId } = playlet ?? {};
  useEffect(() => void openInPlayletPlayer(albumId !== undefined && episodeId !== undefined ? { albumId, episodeId } : undefined), [albumId, episodeId]);

  const refetch = () => {
    forgetPlay({ seriesId, episode });
    play.reload();
  };
  const retry = () => {
    setMediaFailures(0);
    refetch();
  };

  if (play.status === 'loading') return { status: 'loading' };
  if (play.status === 'error') return { status: 'error', error: play.error, retry };
  if (play.data.kind === 'locked') {
    const { offers, message, costToFinish, preview } = play.data;
    return { status: 'locked', offers, message, costToFinish, preview, retry };
  }
  if (mediaFailures > 1) return { status: 'error', error: new Error('media failed'), retry };
  return {
    status: 'playable',
    url: play.data.url,
    // A paid episode we could not serve with forensic marks: the player draws the viewer's code.
    overlay: play.data.watermark === 'overlay',
    onMediaError: () => {
      setMediaFailures((n) => n + 1);
      if (mediaFailures === 0) refetch();
    },
  };
}
