import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { MembershipView } from '@drama/shared/wallet';
import { errorText } from '@/lib/error-text';
import { cancelMembership } from '../api/cancel-membership';
import { dateText, preChargeLine } from '../wallet-text';
import './pre-charge-notice.css';

/**
 * The pre-charge notice on 我的, two days before an auto-renewal charge: when and how much, and
 * cancelling one tap away (the paid period stays).
 */
export function PreChargeNotice({ membership, onCancelled }: { membership: MembershipView | null; onCancelled: () => void }) {
  const [busy, setBusy] = useState(false);
  const line = preChargeLine(membership);
  if (!line || !membership) return null;
  const cancel = async () => {
    setBusy(true);
    try {
      await cancelMembership();
      Taro.showToast({ title: `已取消自动续费，会员在 ${dateText(membership.expiresAt)} 前仍有效`, icon: 'none' });
      onCancelled();
    } catch (err) {
      Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="pre-charge" role="note" aria-label="自动续费提醒">
      <Text className="pre-charge__line">{line}</Text>
      <Button role="button" className="pre-charge__cancel" aria-busy={busy} onClick={() => void (busy || cancel())}>
        {busy ? '正在取消…' : '取消自动续费'}
      </Button>
    </View>
  );
}
