import { Button, Text, View } from '@tarojs/components';
import { useAdUnlock, type AdTiming } from '../hooks/use-ad-unlock';
import { SandboxAd } from './sandbox-ad';

export interface AdUnlockPanelProps {
  seriesId: string;
  episode: number;
  /** The ad was watched and the API unlocked the episode: it plays now. */
  onUnlocked: () => void;
  onBack: () => void;
  timing?: Partial<AdTiming>;
}

/**
 * The paywall's free path: first what the reward is and what it takes (the platforms' rules: the
 * reward is explained before the ad, and the viewer starts it with a tap), then one ad for one
 * episode. The server decides: the episode unlocks only once the ad network (or, on WeChat, the
 * app after the ad's minimum length) has proved the view.
 */
export function AdUnlockPanel({ seriesId, episode, onUnlocked, onBack, timing }: AdUnlockPanelProps) {
  const ad = useAdUnlock(seriesId, episode, { onUnlocked, timing });
  const { state } = ad;
  const busy = state.step === 'preparing' || state.step === 'watching' || state.step === 'verifying';

  return (
    <View className="ad-unlock" aria-label="看广告免费解锁">
      <Text className="ad-unlock__title">看广告免费解锁第 {episode} 集</Text>
      <Text className="ad-unlock__text">观看一段激励视频广告（约 15–30 秒），完整看完即可免费解锁本集，不花金币。中途关闭不会解锁；每部剧每天可免费解锁的集数有限。</Text>
      {state.step === 'preparing' && <Text className="ad-unlock__status">正在准备广告…</Text>}
      {state.step === 'verifying' && <Text className="ad-unlock__status">正在确认奖励…</Text>}
      {state.step === 'closed' && (
        <View className="ad-unlock__status" role="alert">
          广告没有看完，未能解锁。
        </View>
      )}
      {state.step === 'capped' && (
        <View className="ad-unlock__status" role="alert">
          今天这部剧的免费解锁次数已用完，明天再来吧。
        </View>
      )}
      {state.step === 'failed' && (
        <View className="ad-unlock__status" role="alert">
          {state.message}
        </View>
      )}
      <View className="ad-unlock__actions">
        {state.step !== 'capped' && (
          <Button role="button" className="pill ad-unlock__start" aria-busy={busy} onClick={() => void (busy || ad.start())}>
            {busy ? '请稍候…' : state.step === 'idle' ? '开始观看' : '重新观看'}
          </Button>
        )}
        <Button role="button" className="pill pill--ghost ad-unlock__back" onClick={onBack}>
          返回
        </Button>
      </View>
      {state.step === 'watching' && state.sandboxAd && <SandboxAd onEnded={() => ad.answerSandboxAd(true)} onClosed={() => ad.answerSandboxAd(false)} />}
    </View>
  );
}
