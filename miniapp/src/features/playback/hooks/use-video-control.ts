import { useCallback, useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';

interface Playable {
  play(): unknown;
  pause(): unknown;
  /** tt/weapp's VideoContext (H5 sets the inner <video>'s rate instead: see setRate). */
  playbackRate?(rate: number): unknown;
}

/**
 * Play or pause the `<Video id>` this component renders, also after its page left the screen.
 * Taro's createVideoContext looks in whichever page is current when called, so the context is taken
 * on mount, while this page is current. On H5 that context is the <taro-video-core> element, whose
 * methods throw until it has loaded: then `autoplay` takes care of it.
 */
export function useVideoControl(id: string): (action: 'play' | 'pause') => void {
  const ctx = useRef<Playable | null>(null);
  useEffect(() => {
    ctx.current = find(id);
  }, [id]);

  return useCallback(
    (action) => {
      ctx.current ??= find(id);
      try {
        const done = ctx.current?.[action]();
        if (done instanceof Promise) done.catch(() => undefined);
      } catch {
        // Not ready yet.
      }
    },
    [id],
  );
}

function find(id: string): Playable | null {
  try {
    if (process.env.TARO_ENV === 'h5') return document.getElementById(id) as unknown as Playable | null;
    return Taro.createVideoContext(id) ?? null;
  } catch {
    return null;
  }
}

/**
 * Sets the playing speed of the `<Video id>`: on H5 the inner <video> element's rate (kept as its
 * default too, so a new source keeps it); on tt/weapp the VideoContext's playbackRate.
 */
export function setVideoRate(id: string, rate: number): void {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const video = document.getElementById(id)?.querySelector('video');
      if (video) {
        video.defaultPlaybackRate = rate;
        video.playbackRate = rate;
      }
      return;
    }
    (Taro.createVideoContext(id) as unknown as Playable | undefined)?.playbackRate?.(rate);
  } catch {
    // Not ready yet: applied again when it plays.
  }
}
