import { useState } from 'react';
import Taro from '@tarojs/taro';
import { errorText } from '@/lib/error-text';
import { followSeries } from '../api/follow-series';
import { unfollowSeries } from '../api/unfollow-series';
import { setFollowing, useFollowed } from '../follows-store';

export interface FollowToggle {
  known: boolean;
  following: boolean;
  busy: boolean;
  toggle: () => void;
}

/**
 * 追剧 / 已追剧 for one series. The new state shows at once and is put right if the API says no.
 * `onFollow` runs inside the tap that starts following (before any request), because that is where
 * a platform lets the app ask for reminders.
 */
export function useFollowToggle(seriesId: string, onFollow?: () => void): FollowToggle {
  const { known, following } = useFollowed(seriesId);
  const [busy, setBusy] = useState(false);

  const toggle = () => {
    if (busy || !seriesId) return;
    const next = !following;
    if (next) onFollow?.();
    setBusy(true);
    setFollowing(seriesId, next);
    (next ? followSeries : unfollowSeries)(seriesId)
      .then((r) => setFollowing(seriesId, r.following))
      .catch((err: unknown) => {
        setFollowing(seriesId, !next);
        Taro.showToast({ title: errorText(err), icon: 'none' });
      })
      .finally(() => setBusy(false));
  };
  return { known, following, busy, toggle };
}
