import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { SeriesSummary } from '@drama/shared/catalog';
import { StateView } from '@/components/state-view/state-view';
import { searchSeries } from '@/features/discovery/api/search-series';
import { SeriesRows } from '@/features/discovery/components/series-rows';
import './index.css';

/** Answers wait this long after the last keystroke: a query per pause, not per letter. */
const typingPauseMs = 200;

type Found = { q: string; items: SeriesSummary[] } | { q: string; error: unknown };

/** 搜索: results as the viewer types, in characters, full pinyin or initials (qjgl → 千金归来). */
export default function SearchPage() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [attempt, setAttempt] = useState(0);
  const query = q.trim();

  useEffect(() => {
    if (!query) return setFound(null);
    let live = true;
    const timer = setTimeout(() => {
      searchSeries(query).then(
        (r) => live && setFound({ q: query, items: r.items }),
        (error: unknown) => live && setFound({ q: query, error }),
      );
    }, typingPauseMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, attempt]);

  let body;
  if (!query) body = <Text className="search-page__hint">剧名、演员、标签都能搜，也可以打拼音或首字母</Text>;
  else if (!found || found.q !== query) body = <StateView kind="loading" />;
  else if ('error' in found) body = <StateView kind="error" error={found.error} onRetry={() => (setFound(null), setAttempt((n) => n + 1))} />;
  else if (found.items.length === 0) body = <StateView kind="empty" text={`没有找到与「${query}」相关的短剧`} />;
  else body = <SeriesRows rows={found.items.map((s) => ({ series: s }))} />;

  return (
    <View className="search-page">
      <View className="search-page__bar">
        <Input className="search-page__input" value={q} focus placeholder="搜索短剧" maxlength={40} confirmType="search" aria-label="搜索短剧" onInput={(e) => setQ(e.detail.value)} />
      </View>
      {body}
    </View>
  );
}
