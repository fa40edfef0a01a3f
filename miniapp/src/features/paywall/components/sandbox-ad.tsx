import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useLatest } from '@/lib/use-latest';
import './sandbox-ad.css';

/** How long the sandbox's ad runs: a real rewarded video runs 15–30 s; the sandbox keeps it short. */
export const sandboxAdSeconds = 5;

/**
 * H5 only: the sandbox ad network's rewarded video (on tt/weapp the platform draws its own). It
 * counts down; closing it early forfeits the reward, as the platforms' ads do.
 */
export function SandboxAd({ onEnded, onClosed }: { onEnded: () => void; onClosed: () => void }) {
  const [left, setLeft] = useState(sandboxAdSeconds);
  // A parent re-rendering with a new `onEnded` must not restart the second being counted.
  const ended = useLatest(onEnded);
  useEffect(() => {
    if (left <= 0) {
      ended.current();
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, ended]);

  return (
    <View className="sandbox-ad" role="dialog" aria-label="激励视频广告">
      <View className="sandbox-ad__head">
        <Text className="sandbox-ad__tag">广告 · 沙箱</Text>
        <Text className="sandbox-ad__left" aria-live="polite">
          {left > 0 ? `${left} 秒后可领取奖励` : '已获得奖励'}
        </Text>
        <Button role="button" className="sandbox-ad__close" onClick={onClosed}>
          关闭
        </Button>
      </View>
      <View className="sandbox-ad__body">
        <Text className="sandbox-ad__title">沙箱广告平台</Text>
        <Text className="sandbox-ad__text">这里播放的是激励视频广告。看完后，广告平台通知服务器发放奖励。</Text>
      </View>
    </View>
  );
}
