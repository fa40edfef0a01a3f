import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { dailySendCap, quietHours, reminderKinds, type ConsentItem, type ReminderKind } from '@drama/shared/reminders';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { useAsync } from '@/lib/use-async';
import { withdrawConsent } from '../api/withdraw-consent';
import { askForReminders } from '../ask-for-reminders';
import { loadConsents, rememberConsents } from '../consents-store';
import { canWithdraw, consentStateText } from '../consent-text';
import './reminder-settings.css';

/**
 * 提醒设置: each reminder kind with what the user allowed and a 撤回; 开启提醒 asks for every kind
 * not already allowed for the long term (the tap is the user asking).
 */
export function ReminderSettings() {
  const query = useAsync(loadConsents, []);
  const [items, setItems] = useState<ConsentItem[] | null>(null);
  const [busy, setBusy] = useState<ReminderKind | 'ask' | null>(null);

  if (query.status === 'loading') return <StateView kind="loading" />;
  if (query.status === 'error') return <StateView kind="error" error={query.error} onRetry={query.reload} />;
  const shown = items ?? query.data;

  const update = (next: ConsentItem[]) => {
    rememberConsents(next);
    setItems(next);
  };
  const withdraw = async (kind: ReminderKind) => {
    setBusy(kind);
    try {
      update((await withdrawConsent(kind)).items);
      Taro.showToast({ title: '已撤回', icon: 'none' });
    } catch (err) {
      Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };
  const enable = () => {
    setBusy('ask');
    askForReminders(reminderKinds, 'settings')
      .then((outcome) => {
        if (outcome.items) update(outcome.items);
        else if (!outcome.asked) Taro.showToast({ title: '提醒都已开启', icon: 'none' });
      })
      .finally(() => setBusy(null));
  };

  return (
    <View className="reminder-settings">
      <View className="reminder-settings__list" role="list">
        {shown.map((item) => (
          <View key={item.kind} className="reminder-row" role="listitem" aria-label={item.label}>
            <View className="reminder-row__info">
              <View className="reminder-row__title">
                <Text className="reminder-row__label">{item.label}</Text>
                <Text className="reminder-row__type">{item.subscription === 'long_term' ? '长期' : '单次'}</Text>
              </View>
              <Text className={`reminder-row__state reminder-row__state--${canWithdraw(item) ? 'on' : 'off'}`}>{consentStateText(item)}</Text>
            </View>
            {canWithdraw(item) && (
              <Button role="button" className="reminder-row__withdraw" disabled={busy !== null || undefined} onClick={() => void withdraw(item.kind)}>
                撤回
              </Button>
            )}
          </View>
        ))}
      </View>
      <Text className="reminder-settings__note">
        单次订阅每允许一次可收到一条提醒，长期订阅直到撤回。每天最多提醒 {dailySendCap} 条，{quietHours.from}:00–{quietHours.to}:00 不打扰。
      </Text>
      <Button role="button" className="pill reminder-settings__enable" disabled={busy !== null || undefined} onClick={enable}>
        {busy === 'ask' ? '请在弹窗中选择…' : '开启提醒'}
      </Button>
    </View>
  );
}
