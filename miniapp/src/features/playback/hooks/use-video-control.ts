import { useCallback, useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';

interface Playable {
  play(): unknown;
  pause(): unknown;
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
