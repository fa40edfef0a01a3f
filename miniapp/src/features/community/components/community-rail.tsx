import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { setDanmakuSettings } from '../danmaku-settings';
import type { EpisodeCommunity } from '../hooks/use-episode-community';
import { CommentSheet } from './comment-sheet';
import './community-rail.css';

/** 1.2万 for 12,000: counts as Chinese apps show them. */
export const countText = (n: number) => (n >= 10_000 ? `${(Math.floor(n / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万` : String(n));

/** The player's right-hand column: ♥ with its count, the comments, 弹幕 on or off. */
export function CommunityRail({ community }: { community: EpisodeCommunity }) {
  const [open, setOpen] = useState(false);
  const likes = community.likes.state;
  const { on } = community.settings;
  return (
    <>
      <View className="community-rail">
        <Button role="button" className={`community-rail__button${likes?.liked ? ' community-rail__button--on' : ''}`} aria-label="点赞" aria-pressed={likes?.liked ? 'true' : 'false'} onClick={community.likes.toggle}>
          <Text className="community-rail__icon">{likes?.liked ? '♥' : '♡'}</Text>
          <Text className="community-rail__count">{likes ? countText(likes.likes) : ' '}</Text>
        </Button>
        <Button role="button" className="community-rail__button" aria-label="评论" onClick={() => setOpen(true)}>
          <Text className="community-rail__icon">💬</Text>
          <Text className="community-rail__count">{countText(community.comments.length)}</Text>
        </Button>
        <Button role="button" className={`community-rail__button${on ? ' community-rail__button--on' : ''}`} aria-label={on ? '关闭弹幕' : '打开弹幕'} aria-pressed={on ? 'true' : 'false'} onClick={() => setDanmakuSettings({ on: !on })}>
          <Text className="community-rail__icon community-rail__icon--text">弹</Text>
          <Text className="community-rail__count">{on ? '开' : '关'}</Text>
        </Button>
      </View>
      {open && <CommentSheet community={community} onClose={() => setOpen(false)} />}
    </>
  );
}
