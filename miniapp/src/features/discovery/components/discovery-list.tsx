import { ScrollView, View } from '@tarojs/components';
import type { SeriesSummary } from '@drama/shared/catalog';
import type { RankedSeries } from '@drama/shared/discovery';
import { StateView } from '@/components/state-view/state-view';
import { useRanking } from '../api/get-ranking';
import type { HomeTab } from '../home-tabs';
import { SeriesRows } from './series-rows';
import './discovery-list.css';

const published = (epochS: number) => {
  if (!epochS) return undefined;
  const d = new Date(epochS * 1000 + 8 * 3600_000); // Shanghai's calendar day
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日上线`;
};
const figureOf = { hot: (s: RankedSeries) => `热度 ${s.score}`, new: (s: RankedSeries) => published(s.score) };

function RankingList({ ranking }: { ranking: 'hot' | 'new' }) {
  const list = useRanking(ranking);
  if (list.status === 'loading') return <StateView kind="loading" />;
  if (list.status === 'error') return <StateView kind="error" error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <StateView kind="empty" text="榜单正在生成，稍后再来看看" />;
  return <SeriesRows ranked rows={list.data.items.map((s) => ({ series: s, figure: figureOf[ranking](s) }))} />;
}

/** A home tab other than 推荐: a ranking, or the series of one category. */
export function DiscoveryList({ tab, series, top }: { tab: Exclude<HomeTab, { kind: 'feed' }>; series: SeriesSummary[]; top: string }) {
  const inCategory = tab.kind === 'category' ? series.filter((s) => s.tags.includes(tab.tag) || s.genre === tab.tag) : [];
  return (
    <ScrollView className="discovery-list" scrollY style={{ paddingTop: top }}>
      <View className="discovery-list__body">
        {tab.kind === 'ranking' ? (
          <RankingList ranking={tab.ranking} />
        ) : inCategory.length ? (
          <SeriesRows rows={inCategory.map((s) => ({ series: s }))} />
        ) : (
          <StateView kind="empty" text="这个分类还没有剧" />
        )}
      </View>
    </ScrollView>
  );
}
