import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view/state-view';
import { useGetSeries } from '@/features/catalog/api/get-series';
import { EpisodeGrid } from '@/features/catalog/components/episode-grid';
import { prefetchPlay } from '@/features/playback/api/play-episode';
import { EpisodeVideo } from '@/features/playback/components/episode-video';
import { SpeedControl } from '@/features/playback/components/speed-control';
import { useEpisodeSource } from '@/features/playback/hooks/use-episode-source';
import { usePlaybackRate } from '@/features/playback/hooks/use-playback-rate';
import { CommunityRail } from '@/features/community/components/community-rail';
import { DanmakuLayer } from '@/features/community/components/danmaku-layer';
import { useEpisodeCommunity } from '@/features/community/hooks/use-episode-community';
import { rememberEpisode } from '@/features/playback/last-watched';
import { FollowButton } from '@/features/habits/components/follow-button';
import { SeriesEndCard } from '@/features/habits/components/series-end-card';
import { useProgressSaver } from '@/features/habits/hooks/use-progress-saver';
import { useResumePoint } from '@/features/habits/hooks/use-resume-point';
import { startAt } from '@/features/habits/resume-point';
import { askForReminders } from '@/features/reminders/ask-for-reminders';
import { prefetchConsents } from '@/features/reminders/consents-store';
import { PaySheet } from '@/features/pay/components/pay-sheet';
import { usePayOrder } from '@/features/pay/hooks/use-pay-order';
import { PaywallSheet } from '@/features/paywall/components/paywall-sheet';
import { ShareButton } from '@/features/share/components/share-button';
import { sharePath, shareTitle } from '@/features/share/share-link';
import { useWallet } from '@/features/wallet/hooks/use-wallet';
import { currentSession } from '@/lib/api-client';
import { coinStorePageUrl, scenePageUrl } from '@/lib/routes';
import { topBar } from '@/lib/top-bar';
import { useAsync } from '@/lib/use-async';
import { usePageVisible } from '@/lib/use-page-visible';
import './index.css';

/** Fetch the next episode's URL once this much of the current one has played. */
const prefetchAt = 0.7;

/** Plays `?seriesId=&episode=` full screen; moves on to the next episode by itself. */
export default function PlayerPage() {
  const params = useRouter().params;
  const seriesId = params.seriesId ?? '';
  const [episode, setEpisode] = useState(Math.max(1, Number(params.episode) || 1));
  const [sheet, setSheet] = useState<'episodes' | 'paywall' | null>(null);
  const prefetched = useRef(0);
  // Where the video is (seconds, length): 玩这个场景 starts a scene from this frame.
  const position = useRef({ atS: 0, durationS: 0 });

  const bar = topBar();
  const visible = usePageVisible();
  const series = useGetSeries(seriesId);
  const source = useEpisodeSource(seriesId, episode);
  // ♥, comments and 弹幕 for this episode (features/community).
  const community = useEpisodeCommunity(seriesId, episode);
  const episodes = series.data?.episodes ?? [];
  const count = series.data?.series.episodeCount ?? 0;
  const hasNext = episode < count;
  const viewer = useAsync(currentSession, []).data?.userId;
  const speed = usePlaybackRate(viewer);
  // A locked episode with a trial preview plays it first; the paywall opens where it ends.
  const [previewEnded, setPreviewEnded] = useState(false);
  const preview = source.status === 'locked' && !previewEnded ? source.preview : undefined;
  const share = { path: sharePath(seriesId, episode, viewer ?? ''), title: shareTitle(series.data?.series.title, episode) };
  useShareAppMessage(() => share);

  // Habits: start where this episode was left, save the position as it plays, and at the end of
  // the last episode offer to follow. (`from=reminder` links need nothing more than the episode.)
  const resume = useResumePoint(seriesId, episode);
  const saver = useProgressSaver(seriesId, episode);
  const [ended, setEnded] = useState(false);
  useEffect(prefetchConsents, []);
  const askForUpdates = (trigger: 'follow' | 'episode_end') => void askForReminders(['episode_update'], trigger);

  // Paying: after a grant (coins spent, series or membership bought) ask POST /play again at once.
  const wallet = useWallet();
  const onGranted = () => {
    wallet.reload();
    series.reload();
    if (source.status === 'locked') source.retry();
  };
  const pay = usePayOrder({ onGranted });

  useEffect(() => {
    if (seriesId) rememberEpisode(seriesId, episode);
  }, [seriesId, episode]);
  // A locked episode opens the paywall at once (after its preview, if it has one); closing it leaves
  // a button to reopen it.
  useEffect(() => setPreviewEnded(false), [seriesId, episode]);
  const hasPreview = source.status === 'locked' && Boolean(source.preview);
  useEffect(() => setSheet(source.status === 'locked' && !hasPreview ? 'paywall' : null), [source.status, hasPreview, episode]);
  const endPreview = () => {
    setPreviewEnded(true);
    setSheet('paywall');
  };

  const goTo = (next: number) => {
    setSheet(null);
    setEnded(false);
    setEpisode(next);
  };
  const onProgress = (fraction: number) => {
    const next = episode + 1;
    if (fraction < prefetchAt || !hasNext || prefetched.current === next) return;
    prefetched.current = next;
    if (!episodes[next - 1]?.locked) prefetchPlay({ seriesId, episode: next });
  };
  const onEnded = () => {
    saver.finish(hasNext ? episode + 1 : undefined);
    if (hasNext) goTo(episode + 1);
    else setEnded(true);
  };
  const playScene = () => {
    const { atS, durationS } = position.current;
    const at = Math.max(0, durationS > 0 ? Math.min(atS, durationS - 0.5) : atS);
    Taro.navigateTo({ url: scenePageUrl({ seriesId, episode, atS: Math.floor(at * 10) / 10 }) });
  };
  const back = () => {
    if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
    else Taro.switchTab({ url: '/pages/feed/index' });
  };

  if (!seriesId) return <StateView kind="empty" text="没有指定剧集" />;

  return (
    <View className="player">
      <View className="player__stage">
        {source.status === 'playable' && resume.status === 'success' && (
          <EpisodeVideo
            key={episode}
            id="player-video"
            src={source.url}
            overlay={source.overlay}
            poster={series.data?.series.cover}
            active={sheet === null && visible}
            initialTime={startAt(resume.data, episodes[episode - 1]?.durationS)}
            onProgress={onProgress}
            onTime={(atS, durationS) => {
              position.current = { atS, durationS };
              saver.onTime(atS, durationS);
              community.onTime(atS);
            }}
            onPause={saver.flush}
            onEnded={onEnded}
            onError={source.onMediaError}
            playbackRate={speed.rate}
          />
        )}
        {preview && (
          <EpisodeVideo
            key={`preview-${episode}`}
            id="preview-video"
            src={preview.url}
            poster={series.data?.series.cover}
            active={sheet === null && visible}
            onEnded={endPreview}
            playbackRate={speed.rate}
          />
        )}
        {source.status === 'playable' && <DanmakuLayer community={community} />}
        {(source.status === 'loading' || (source.status === 'playable' && resume.status !== 'success')) && <StateView kind="loading" />}
        {source.status === 'error' && <StateView kind="error" error={source.error} onRetry={source.retry} />}
        {preview && (
          <View className="player__preview" aria-label="试看">
            <Text>试看 {Math.round(preview.durationS)} 秒，看完可解锁完整版</Text>
            <Button role="button" className="pill player__preview-unlock" onClick={endPreview}>
              解锁完整版
            </Button>
          </View>
        )}
        {source.status === 'locked' && !preview && (
          <View className="player__locked">
            <Text className="player__locked-text">第 {episode} 集需解锁后观看</Text>
            <Button role="button" className="pill" onClick={() => setSheet('paywall')}>
              解锁观看
            </Button>
          </View>
        )}
      </View>

      <View className="player__top" style={{ top: bar.top, height: bar.height }}>
        <Button role="button" className="player__back" onClick={back}>
          ‹ 返回
        </Button>
      </View>

      {source.status === 'playable' && <CommunityRail community={community} />}

      <View className="player__bottom">
        <View className="player__info">
          <Text className="player__title">{series.data?.series.title ?? ''}</Text>
          <Text className="player__episode">
            第 {episode} 集{count ? ` / 共 ${count} 集` : ''}
          </Text>
        </View>
        <FollowButton seriesId={seriesId} variant="overlay" onFollow={() => askForUpdates('follow')} />
        <SpeedControl rate={speed.rate} onChoose={speed.choose} />
        <ShareButton path={share.path} title={share.title} />
        <Button role="button" className="pill pill--ghost" onClick={() => setSheet('episodes')}>
          选集
        </Button>
        {source.status === 'playable' && (
          <Button role="button" className="pill pill--ghost play-scene" onClick={playScene}>
            玩这个场景
          </Button>
        )}
        {hasNext && (
          <Button role="button" className="pill player__next" onClick={() => goTo(episode + 1)}>
            下一集
          </Button>
        )}
      </View>

      {sheet === 'episodes' && (
        <View className="player__sheet-mask" onClick={() => setSheet(null)}>
          <View className="player__sheet" onClick={(e) => e.stopPropagation()}>
            <View className="player__sheet-head">
              <Text className="player__sheet-title">选集</Text>
              <Button role="button" className="player__sheet-close" onClick={() => setSheet(null)}>
                关闭
              </Button>
            </View>
            {series.status === 'loading' && <StateView kind="loading" />}
            {series.status === 'error' && <StateView kind="error" error={series.error} onRetry={series.reload} />}
            {series.status === 'success' && <EpisodeGrid episodes={episodes} current={episode} onSelect={goTo} />}
          </View>
        </View>
      )}
      {sheet === 'paywall' && source.status === 'locked' && (
        <PaywallSheet
          offers={source.offers}
          message={source.message}
          costToFinish={source.costToFinish}
          seriesId={seriesId}
          episode={episode}
          seriesTitle={series.data?.series.title}
          balance={wallet.status === 'success' ? wallet.data : undefined}
          onClose={() => {
            setSheet(null);
            // Declined to pay for now: offer the check-in reminder (its coins unlock episodes).
            void askForReminders(['checkin', 'new_drama'], 'paywall_close');
          }}
          onBuy={pay.start}
          onUnlocked={onGranted}
          onTopUp={(shortBy) => Taro.navigateTo({ url: coinStorePageUrl(shortBy) })}
        />
      )}
      {ended && <SeriesEndCard seriesId={seriesId} episodeCount={count} onRemind={() => askForUpdates('episode_end')} onClose={() => setEnded(false)} />}
      <PaySheet pay={pay} placement="contained" autoCloseMs={1500} />
    </View>
  );
}
