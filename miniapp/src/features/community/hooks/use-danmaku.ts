import { useCallback, useEffect, useRef, useState } from 'react';
import type { Comment } from '@drama/shared/comments';
import { dueComments, flightS, laneCount, pickLane } from '../danmaku';
import type { DanmakuSettings } from '../danmaku-settings';

export interface FlyingComment {
  key: string;
  text: string;
  lane: number;
  lanes: number;
  /** The viewer's own, just posted: outlined. */
  mine: boolean;
}

/**
 * The 弹幕 in flight for one episode: `onTime` (playback time, as it advances) starts the comments
 * timed since the last call; `launch` starts one at once (the viewer's own). Each leaves the screen
 * after `flightS`.
 */
export function useDanmaku(comments: readonly Comment[] | undefined, settings: DanmakuSettings, episodeKey: string) {
  const [flying, setFlying] = useState<FlyingComment[]>([]);
  const lastTime = useRef<number | undefined>(undefined);
  const lanes = useRef<number[]>([]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    lastTime.current = undefined;
    setFlying([]);
  }, [episodeKey]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const launch = useCallback(
    (comment: Pick<Comment, 'commentId' | 'text'>, mine = false) => {
      const count = laneCount(settings.density);
      if (lanes.current.length !== count) lanes.current = Array.from({ length: count }, () => -Infinity);
      const nowS = Date.now() / 1000;
      // The viewer's own always flies: if every lane is busy, in the one that cleared longest ago.
      const lane = pickLane(lanes.current, nowS) ?? (mine ? lanes.current.indexOf(Math.min(...lanes.current)) : null);
      if (lane === null) return;
      lanes.current[lane] = nowS;
      const item: FlyingComment = { key: comment.commentId, text: comment.text, lane, lanes: count, mine };
      setFlying((now) => (now.some((f) => f.key === item.key) ? now : [...now, item]));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setFlying((now) => now.filter((f) => f !== item));
      }, flightS * 1000 + 250);
      timers.current.add(timer);
    },
    [settings.density],
  );

  const onTime = useCallback(
    (atS: number) => {
      // The first report of an episode starts what was timed in the second before it.
      const from = lastTime.current ?? atS - 1;
      lastTime.current = atS;
      if (settings.on && comments) for (const c of dueComments(comments, from, atS)) launch(c);
    },
    [comments, settings.on, launch],
  );

  return { flying: settings.on ? flying : [], onTime, launch };
}
