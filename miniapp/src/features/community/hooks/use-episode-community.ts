import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Comment, PostCommentOutput } from '@drama/shared/comments';
import { useAsync } from '@/lib/use-async';
import { currentSession } from '@/lib/api-client';
import { listComments, postComment } from '../api/comments';
import { useDanmakuSettings } from '../danmaku-settings';
import { useDanmaku } from './use-danmaku';
import { useLikes } from './use-likes';

/**
 * Everything community on the player for one episode: its comments (and the viewer's own, shown at
 * once when approved), the 弹幕 in flight, the ♥ and the settings. The page hands playback time to
 * `onTime`; a timed comment is posted at that time.
 */
export function useEpisodeCommunity(seriesId: string, episode: number) {
  const settings = useDanmakuSettings();
  const listed = useAsync(() => listComments(seriesId, episode), [seriesId, episode]);
  const [mine, setMine] = useState<Comment[]>([]);
  useEffect(() => setMine([]), [seriesId, episode]);
  const comments = useMemo(() => {
    const server = listed.data?.items ?? [];
    return [...mine.filter((m) => !server.some((c) => c.commentId === m.commentId)), ...server];
  }, [listed.data, mine]);

  const danmaku = useDanmaku(listed.status === 'success' ? comments : undefined, settings, `${seriesId}#${episode}`);
  const likes = useLikes(seriesId, episode);
  const position = useRef(0);
  const { onTime: danmakuOnTime, launch } = danmaku;
  const onTime = useCallback(
    (atS: number) => {
      position.current = atS;
      danmakuOnTime(atS);
    },
    [danmakuOnTime],
  );

  const post = async (text: string, timed: boolean): Promise<PostCommentOutput> => {
    const atS = timed ? Math.round(position.current * 10) / 10 : undefined;
    const result = await postComment(seriesId, episode, { text, ...(atS !== undefined ? { atS } : {}) });
    if (result.status === 'approved') {
      const { userId } = await currentSession();
      setMine((now) => [{ commentId: result.commentId, userId, text: text.trim(), ...(atS !== undefined ? { atS } : {}), createdAt: new Date().toISOString() }, ...now]);
      if (timed) launch({ commentId: result.commentId, text: text.trim() }, true);
    }
    return result;
  };

  return { settings, listed, comments, flying: danmaku.flying, likes, onTime, post, positionS: () => position.current };
}

export type EpisodeCommunity = ReturnType<typeof useEpisodeCommunity>;
