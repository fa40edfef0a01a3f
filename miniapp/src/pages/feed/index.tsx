import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Swiper, SwiperItem, View } from '@tarojs/components';
import type { Offer } from '@drama/shared/playback';
import type { SeriesSummary } from '@drama/shared/catalog';
import { StateView } from '@/components/state-view/state-view';
import { useListSeries } from '@/features/catalog/api/list-series';
import { DiscoveryList } from '@/features/discovery/components/discovery-list';
import { HomeTabs } from '@/features/discovery/components/home-tabs';
import { categoriesOf, type HomeTab } from '@/features/discovery/home-tabs';
import { lastWatchedEpisode } from '@/features/playback/last-watched';
import { getHistory } from '@/features/habits/api/get-history';
import { continueWatchingFirst } from '@/features/habits/continue-watching';
import { askForReminders } from '@/features/reminders/ask-for-reminders';
import { prefetchConsents } from '@/features/reminders/consents-store';
import { PaySheet } from '@/features/pay/components/pay-sheet';
import { usePayOrder } from '@/features/pay/hooks/use-pay-order';
import { PaywallSheet } from '@/features/paywall/components/paywall-sheet';
import { useWallet } from '@/features/wallet/hooks/use-wallet';
import { coinStorePageUrl } from '@/lib/routes';
import { topBar } from '@/lib/top-bar';
import { useAsync } from '@/lib/use-async';
import { usePageVisible } from '@/lib/use-page-visible';
import { FeedItem } from './feed-item';
import './index.css';

/** Where the feed starts a series: where this device left it, else episode 1. */
const startEpisode = (s: SeriesSummary) => Math.min(Math.max(lastWatchedEpisode(s.id) ?? 1, 1), s.episodeCount);

/** A locked episode the user asked to unlock, and how to play it once they have. */
interface Paywall {
  series: SeriesSummary;
  episode: number;
  offers: Offer[];
  message: string;
  retry: () => void;
}

/**
 * The home page. 推荐: one series per screen, swiped vertically; the other tabs (热播榜, 新剧, the
 * categories) list series instead. Only the current and the next item mount a
 * <Video> (the next one buffers while the current plays); the rest show their cover.
 */
export default function FeedPage() {
  const list = useListSeries();
  // 继续观看: series the user started come first, where they were left. Without a history (not
  // signed in, offline) the feed is just the catalog.
  const history = useAsync(() => getHistory().catch(() => ({ items: [] })), []);
  useEffect(prefetchConsents, []);
  const [current, setCurrent] = useState(0);
  const [paywall, setPaywall] = useState<Paywall | null>(null);
  const [tab, setTab] = useState<HomeTab>({ kind: 'feed' });

  const bar = topBar();
  const visible = usePageVisible();
  // Paying: after a grant, close the sheet and ask POST /play again so the episode plays at once.
  const wallet = useWallet();
  const onGranted = () => {
    wallet.reload();
    paywall?.retry();
    setPaywall(null);
  };
  const pay = usePayOrder({ onGranted });
  // A series with no episodes yet has nothing to play.
  const items = (list.data?.items ?? []).filter((s) => s.episodeCount > 0);
  const entries = continueWatchingFirst(items, history.data?.items ?? []);
  const next = useCallback(
    (from: number) => {
      if (from + 1 < items.length) setCurrent(from + 1);
      else Taro.showToast({ title: '已经看到最后一部了', icon: 'none' });
    },
    [items.length],
  );

  let body;
  if (list.status === 'loading' || history.status === 'loading') body = <StateView kind="loading" />;
  else if (list.status === 'error') body = <StateView kind="error" error={list.error} onRetry={list.reload} />;
  else if (items.length === 0) body = <StateView kind="empty" text="暂时还没有剧集上线" />;
  else {
    body = (
      <Swiper
        className="feed__swiper"
        vertical
        current={current}
        duration={300}
        onChange={(e) => setCurrent(e.detail.current)}
      >
        {entries.map(({ series: s, resume }, i) => (
          <SwiperItem key={s.id} className="feed__slide">
            <FeedItem
              series={s}
              episode={resume?.episode ?? startEpisode(s)}
              videoId={`feed-video-${i}`}
              role={i === current ? 'current' : i === current + 1 ? 'next' : 'idle'}
              playing={i === current && visible && tab.kind === 'feed'}
              resumeS={resume?.positionS}
              continued={resume !== undefined}
              onEnded={() => next(i)}
              onLocked={(locked) => setPaywall({ ...locked, series: s, episode: resume?.episode ?? startEpisode(s) })}
            />
          </SwiperItem>
        ))}
      </Swiper>
    );
  }

  return (
    <View className="feed">
      <View className="feed__header" style={{ top: bar.top, height: bar.height }}>
        <HomeTabs value={tab} categories={categoriesOf(items)} onChange={setTab} />
      </View>
      {tab.kind === 'feed' ? body : <DiscoveryList tab={tab} series={items} top={`calc(${bar.top} + ${bar.height})`} />}
      {paywall && (
        <PaywallSheet
          offers={paywall.offers}
          message={paywall.message}
          seriesId={paywall.series.id}
          episode={paywall.episode}
          seriesTitle={paywall.series.title}
          balance={wallet.status === 'success' ? wallet.data : undefined}
          onClose={() => {
            setPaywall(null);
            // Declined to pay for now: offer the check-in reminder (its coins unlock episodes).
            void askForReminders(['checkin', 'new_drama'], 'paywall_close');
          }}
          onBuy={pay.start}
          onUnlocked={onGranted}
          onTopUp={(shortBy) => Taro.navigateTo({ url: coinStorePageUrl(shortBy) })}
        />
      )}
      <PaySheet pay={pay} placement="contained" autoCloseMs={1500} />
    </View>
  );
}
