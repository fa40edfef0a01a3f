import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Offer } from '@drama/shared/playback';
import type { SeriesSummary } from '@drama/shared/catalog';
import { StateView } from '@/components/state-view/state-view';
import { useEpisodeSource } from '@/features/playback/hooks/use-episode-source';
import { EpisodeVideo } from '@/features/playback/components/episode-video';
import { rememberEpisode } from '@/features/playback/last-watched';
import { saveProgress } from '@/features/habits/api/save-progress';
import { seriesPageUrl } from '@/lib/routes';

export type FeedItemRole = 'current' | 'next' | 'idle';

interface FeedItemProps {
  series: SeriesSummary;
  episode: number;
  videoId: string;
  role: FeedItemRole;
  /** Current, and the page is on screen. */
  playing: boolean;
  /** Seconds into the episode to start at (继续观看). */
  resumeS?: number;
  /** The user started this series before: the feed shows it first, marked 继续观看. */
  continued?: boolean;
  onEnded: () => void;
  /** The user asked to unlock; `retry` asks POST /play again once they have. */
  onLocked: (locked: { offers: Offer[]; message: string; retry: () => void }) => void;
}

/** One screen of the feed: the cover, the video when current or next, and the title overlay. */
export function FeedItem({ series, episode, videoId, role, playing, resumeS, continued, onEnded, onLocked }: FeedItemProps) {
  const openSeries = () => Taro.navigateTo({ url: seriesPageUrl(series.id) });
  return (
    <View className={`feed-item feed-item--${role}`}>
      <Image className="feed-item__cover" src={series.cover} mode="aspectFill" lazyLoad />
      {role !== 'idle' && (
        <FeedItemVideo
          series={series}
          episode={episode}
          videoId={videoId}
          current={role === 'current'}
          playing={playing}
          resumeS={resumeS}
          onEnded={onEnded}
          onLocked={onLocked}
        />
      )}
      <View className="feed-item__overlay">
        {continued && <Text className="feed-item__continue">继续观看</Text>}
        <Text className="feed-item__title">{series.title}</Text>
        <Text className="feed-item__meta">
          第 {episode} 集 · 共 {series.episodeCount} 集 · {series.genre}
        </Text>
        <Text className="feed-item__synopsis">{series.synopsis}</Text>
      </View>
      <Button role="button" className="feed-item__open pill" onClick={openSeries}>
        选集
      </Button>
    </View>
  );
}

interface FeedItemVideoProps extends Omit<FeedItemProps, 'role'> {
  current: boolean;
}

/** Asks POST /play as soon as the item is current or next (that is the prefetch), then plays. */
function FeedItemVideo({ series, episode, videoId, current, playing, resumeS, onEnded, onLocked }: FeedItemVideoProps) {
  const source = useEpisodeSource(series.id, episode);

  useEffect(() => {
    if (current) rememberEpisode(series.id, episode);
  }, [current, series.id, episode]);

  if (source.status === 'playable') {
    return (
      <EpisodeVideo
        id={videoId}
        src={source.url}
        overlay={source.overlay}
        poster={series.cover}
        active={playing}
        initialTime={resumeS}
        onError={source.onMediaError}
        onEnded={() => {
          const next = Math.min(episode + 1, series.episodeCount);
          rememberEpisode(series.id, next);
          // Where to resume, and that this episode played to its end (热播榜 counts completed plays).
          saveProgress({ seriesId: series.id, episode: next, positionS: 0, endedEpisode: episode }).catch(() => undefined);
          onEnded();
        }}
      />
    );
  }
  // Only the current item shows its state; the next one waits behind its cover.
  if (!current) return null;
  return (
    <View className="feed-item__state">
      {source.status === 'loading' && <StateView kind="loading" />}
      {source.status === 'error' && <StateView kind="error" error={source.error} onRetry={source.retry} />}
      {source.status === 'locked' && (
        <View className="feed-item__locked">
          <Text className="feed-item__locked-text">第 {episode} 集需解锁后观看</Text>
          <Button role="button" className="pill" onClick={() => onLocked({ offers: source.offers, message: source.message, retry: source.retry })}>
            解锁观看
          </Button>
        </View>
      )}
    </View>
  );
}
