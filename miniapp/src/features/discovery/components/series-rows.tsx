import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { SeriesSummary } from '@drama/shared/catalog';
import { seriesPageUrl } from '@/lib/routes';
import './series-rows.css';

export interface SeriesRow {
  series: SeriesSummary;
  /** What the list says about it (热度 12, 3月8日上线…). */
  figure?: string;
}

/** Series as rows (cover, title, genre and tags, a figure), ranked with numbers or not; each opens its series page. */
export function SeriesRows({ rows, ranked = false }: { rows: SeriesRow[]; ranked?: boolean }) {
  return (
    <View className="series-rows">
      {rows.map(({ series: s, figure }, i) => (
        <View key={s.id} className="series-row" role="link" aria-label={s.title} onClick={() => Taro.navigateTo({ url: seriesPageUrl(s.id) })}>
          {ranked && <Text className={`series-row__rank${i < 3 ? ' series-row__rank--top' : ''}`}>{i + 1}</Text>}
          <Image className="series-row__cover" src={s.cover} mode="aspectFill" lazyLoad />
          <View className="series-row__body">
            <Text className="series-row__title">{s.title}</Text>
            <Text className="series-row__meta">
              {[s.genre, ...s.tags.filter((t) => t !== s.genre).slice(0, 2)].join(' · ')} · 共 {s.episodeCount} 集
            </Text>
            <Text className="series-row__synopsis">{s.synopsis}</Text>
            {figure && <Text className="series-row__figure">{figure}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
