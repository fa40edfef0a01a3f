import { useEffect, useState } from 'react';
import { savedRate, saveRate, type PlaybackRate } from '../playback-rate';

/** The player's speed, remembered per viewer: read once the viewer is known, saved on every choice. */
export function usePlaybackRate(viewer: string | undefined): { rate: PlaybackRate; choose: (rate: PlaybackRate) => void } {
  const [rate, setRate] = useState<PlaybackRate>(1);
  useEffect(() => {
    if (viewer) setRate(savedRate(viewer));
  }, [viewer]);
  return {
    rate,
    choose: (next) => {
      setRate(next);
      if (viewer) saveRate(viewer, next);
    },
  };
}
