import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { LikeOutput } from '@drama/shared/comments';
import { errorText } from '@/lib/error-text';
import { getLikes, setLike } from '../api/likes';

export interface Likes {
  /** null until the count arrives. */
  state: LikeOutput | null;
  toggle: () => void;
}

/** The episode's ♥: shows the new state at once and puts it right if the API says otherwise. */
export function useLikes(seriesId: string, episode: number): Likes {
  const [state, setState] = useState<LikeOutput | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setState(null);
    getLikes(seriesId, episode).then(
      (r) => live && setState(r),
      () => undefined, // no count, no button state: nothing else depends on it
    );
    return () => {
      live = false;
    };
  }, [seriesId, episode]);

  const toggle = () => {
    if (!state || busy) return;
    const before = state;
    const liked = !before.liked;
    setState({ liked, likes: Math.max(0, before.likes + (liked ? 1 : -1)) });
    setBusy(true);
    setLike(seriesId, episode, liked)
      .then(setState)
      .catch((err: unknown) => {
        setState(before);
        Taro.showToast({ title: errorText(err), icon: 'none' });
      })
      .finally(() => setBusy(false));
  };
  return { state, toggle };
}
