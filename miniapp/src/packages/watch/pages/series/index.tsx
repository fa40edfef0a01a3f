import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { formatFen } from '@drama/shared/money';
import { StateView } from '@/components/state-view/state-view';
import { useGetSeries } from '@/features/catalog/api/get-series';
import { EpisodeGrid } from '@/features/catalog/components/episode-grid';
import { lastWatchedEpisode } from '@/features/playback/last-watched';
import { FollowButton } from '@/features/habits/components/follow-button';
import { cheapestText, finishText } from '@/features/paywall/offer-label';
import { askForReminders } from '@/features/reminders/ask-for-reminders';
import { prefetchConsents } from '@/features/reminders/consents-store';
import { canPurchase } from '@/lib/capabilities';
import { playerPageUrl } from '@/lib/routes';
import './index.css';

/** A series: cover, facts, and the episode grid; any episode opens the player (locked ones show the paywall there). */
export default function SeriesPage() {
  const seriesId = useRouter().params.seriesId ?? '';
  const query = useGetSeries(seriesId);
  // Following asks for update reminders from the tap itself, so have the template ids ready.
  useEffect(prefetchConsents, []);

  useEffect(() => {
    if (query.status === 'success') Taro.setNavigationBarTitle({ title: query.data.series.title });
  }, [query.status, query.data]);

  if (!seriesId) return <StateView kind="empty" text="没有指定剧集" />;
  if (query.status === 'loading') return <StateView kind="loading" />;
  if (query.status === 'error') return <StateView kind="error" error={query.error} onRetry={query.reload} />;

  const { series, episodes, costToFinish } = query.data;
  const finish = costToFinish && canPurchase() ? finishText(costToFinish) : '';
  const open = (episode: number) => Taro.navigateTo({ url: playerPageUrl(series.id, episode) });
  const resumeAt = lastWatchedEpisode(series.id);

  return (
    <View className="series-page">
      <View className="series-page__hero">
        <Image className="series-page__cover" src={series.cover} mode="aspectFill" />
        <View className="series-page__facts">
          <Text className="series-page__title">{series.title}</Text>
          <Text className="series-page__meta">
            {series.genre} · 共 {series.episodeCount} 集 · 前 {series.freeEpisodes} 集免费
          </Text>
          <View className="series-page__tags">
            {series.tags.map((t) => (
              <Text key={t} className="series-page__tag">
                {t}
              </Text>
            ))}
          </View>
          <View className="series-page__actions">
            {episodes.length > 0 && (
              <Button role="button" className="pill series-page__play" onClick={() => open(resumeAt ?? 1)}>
                {resumeAt ? `继续看第 ${resumeAt} 集` : '开始观看'}
              </Button>
            )}
            <FollowButton seriesId={series.id} onFollow={() => void askForReminders(['episode_update'], 'follow')} />
          </View>
        </View>
      </View>
      {finish && costToFinish && (
        <View className="series-page__finish" aria-label="看完全剧">
          <Text>{finish}；全集 ¥{formatFen(series.seriesPriceFen)}</Text>
          {cheapestText(costToFinish) && <Text className="series-page__cheapest">{cheapestText(costToFinish)}</Text>}
        </View>
      )}
      <Text className="series-page__synopsis">{series.synopsis}</Text>
      {series.licence && <Text className="series-page__licence">备案号：{series.licence}</Text>}
      <View className="series-page__section">
        <Text className="series-page__section-title">选集</Text>
        {episodes.length === 0 ? (
          <StateView kind="empty" text="剧集即将上线" />
        ) : (
          <EpisodeGrid episodes={episodes} current={resumeAt} onSelect={open} />
        )}
      </View>
    </View>
  );
}
