import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view/state-view';
import { useListSeries } from '@/features/catalog/api/list-series';
import { seriesPageUrl } from '@/lib/routes';
import './index.css';

/** 全部剧集: every series as a cover grid, each opening its series page. */
export default function SeriesListPage() {
  const list = useListSeries();
  if (list.status === 'loading') return <StateView kind="loading" />;
  if (list.status === 'error') return <StateView kind="error" error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <StateView kind="empty" text="暂时还没有剧集上线" />;

  return (
    <View className="series-list">
      {list.data.items.map((s) => (
        <View
          key={s.id}
          className="series-card"
          role="link"
          aria-label={s.title}
          onClick={() => Taro.navigateTo({ url: seriesPageUrl(s.id) })}
        >
          <Image className="series-card__cover" src={s.cover} mode="aspectFill" lazyLoad />
          <Text className="series-card__title">{s.title}</Text>
          <Text className="series-card__meta">
            {s.genre} · 共 {s.episodeCount} 集
          </Text>
        </View>
      ))}
    </View>
  );
}
