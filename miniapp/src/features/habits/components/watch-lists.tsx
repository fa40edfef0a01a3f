import { useEffect } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { HistoryOutput } from '@drama/shared/habits';
import { StateView } from '@/components/state-view/state-view';
import { useAsync } from '@/lib/use-async';
import { getFollows } from '../api/get-follows';
import { getHistory } from '../api/get-history';
import { setFollowedSeries } from '../follows-store';
import './watch-lists.css';

/** What a row needs to know of a series (from the catalog the page loads). */
export interface SeriesFacts {
  title: string;
  cover: string;
  episodeCount: number;
}

export interface WatchListsProps {
  seriesOf: (seriesId: string) => SeriesFacts | undefined;
  onOpen: (seriesId: string, episode: number) => void;
  /** Changes when the page comes back on screen: both lists are asked again. */
  refreshKey?: number;
}

/** 我的追剧 and 观看历史, side by side in rows; a tap opens the player where the series was left. */
export function WatchLists({ seriesOf, onOpen, refreshKey = 0 }: WatchListsProps) {
  const lists = useAsync(() => Promise.all([getFollows(), getHistory()]), [refreshKey]);
  useEffect(() => {
    if (lists.status === 'success') setFollowedSeries(lists.data[0].items.map((f) => f.seriesId));
  }, [lists.status, lists.data]);

  if (lists.status === 'loading') return <StateView kind="loading" />;
  if (lists.status === 'error') return <StateView kind="error" error={lists.error} onRetry={lists.reload} />;
  const [follows, history] = lists.data;
  const leftAt = new Map(history.items.map((h) => [h.seriesId, h]));

  return (
    <>
      <Section title="我的追剧" empty="还没有追的剧，去剧集页点「追剧」吧">
        {follows.items.map((f) => (
          <Row key={f.seriesId} seriesId={f.seriesId} facts={seriesOf(f.seriesId)} left={leftAt.get(f.seriesId)} onOpen={onOpen} />
        ))}
      </Section>
      <Section title="观看历史" empty="还没有看过的剧">
        {history.items.map((h) => (
          <Row key={h.seriesId} seriesId={h.seriesId} facts={seriesOf(h.seriesId)} left={h} onOpen={onOpen} />
        ))}
      </Section>
    </>
  );
}

function Section({ title, empty, children }: { title: string; empty: string; children: JSX.Element[] }) {
  return (
    <View className="watch-list" role="list" aria-label={title}>
      <Text className="watch-list__title">{title}</Text>
      {children.length ? children : <Text className="watch-list__empty">{empty}</Text>}
    </View>
  );
}

type Left = HistoryOutput['items'][number] | undefined;

function Row({ seriesId, facts, left, onOpen }: { seriesId: string; facts?: SeriesFacts; left: Left; onOpen: WatchListsProps['onOpen'] }) {
  const episode = left?.episode ?? 1;
  const where = left ? `看到第 ${left.episode} 集 ${clock(left.positionS)}` : '还没开始看';
  return (
    <View className="watch-row" role="listitem" aria-label={facts?.title ?? seriesId} onClick={() => onOpen(seriesId, episode)}>
      {facts?.cover ? <Image className="watch-row__cover" src={facts.cover} mode="aspectFill" /> : <View className="watch-row__cover" />}
      <View className="watch-row__info">
        <Text className="watch-row__title">{facts?.title ?? seriesId}</Text>
        <Text className="watch-row__meta">
          {where}
          {facts ? ` · 共 ${facts.episodeCount} 集` : ''}
        </Text>
      </View>
      <Text className="watch-row__go">{left ? '继续' : '播放'}</Text>
    </View>
  );
}

/** 83 → "1:23". */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
