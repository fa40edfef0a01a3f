import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { checkinRewards, type CheckinOutput } from '@drama/shared/habits';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { checkIn } from '@/features/habits/api/check-in';
import { useCheckins } from '@/features/habits/api/get-checkins';
import { rewardCoins } from '@/features/habits/checkin-text';
import { CheckinStrip } from '@/features/habits/components/checkin-strip';
import { reminderSettingsPageUrl } from '@/features/habits/routes';
import { askForReminders } from '@/features/reminders/ask-for-reminders';
import { prefetchConsents } from '@/features/reminders/consents-store';
import './index.css';

/** 每日签到: the week strip, the streak and 签到; checking in also asks for the daily reminder. */
export default function CheckinPage() {
  const status = useCheckins();
  const [earned, setEarned] = useState<CheckinOutput | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(prefetchConsents, []);

  if (status.status === 'loading') return <StateView kind="loading" />;
  if (status.status === 'error') return <StateView kind="error" error={status.error} onRetry={status.reload} />;

  const onCheckIn = () => {
    if (busy) return;
    // From the tap itself: tt and weapp show the subscribe dialog only there (PLATFORM.md §3, §5).
    void askForReminders(['checkin'], 'checkin');
    setBusy(true);
    checkIn()
      .then(setEarned, (err: unknown) => Taro.showToast({ title: errorText(err), icon: 'none' }))
      .finally(() => setBusy(false));
  };

  return (
    <View className="checkin-page">
      <CheckinStrip status={status.data} earned={earned} busy={busy} onCheckIn={onCheckIn} />
      <View className="checkin-page__rules">
        <Text className="checkin-page__rules-title">签到规则</Text>
        <Text className="checkin-page__rule">每天签到领金币，连续签到奖励逐日增加，第 7 天起每天 {rewardCoins(checkinRewards[checkinRewards.length - 1])} 金币（含赠送）；断签后从第 1 天重新开始。</Text>
        <Text className="checkin-page__rule">赠送金币有有效期，解锁剧集时优先使用。</Text>
      </View>
      <View className="checkin-page__link" role="link" onClick={() => Taro.navigateTo({ url: reminderSettingsPageUrl })}>
        <Text>签到提醒设置</Text>
        <Text className="checkin-page__chevron">›</Text>
      </View>
    </View>
  );
}
