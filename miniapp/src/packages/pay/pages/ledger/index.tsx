import { Text, View } from '@tarojs/components';
import { formatFen } from '@drama/shared/money';
import { StateView } from '@/components/state-view/state-view';
import { useGetLedger } from '@/features/wallet/api/get-ledger';
import { ledgerLabel } from '@/features/wallet/ledger-label';
import { dateTimeText } from '@/features/wallet/wallet-text';
import './index.css';

/** 金币明细: this month's spend, then every change to the wallet, newest first, with the coins it moved. */
export default function LedgerPage() {
  const ledger = useGetLedger();
  if (ledger.status === 'loading') return <StateView kind="loading" />;
  if (ledger.status === 'error') return <StateView kind="error" error={ledger.error} onRetry={ledger.reload} />;
  if (ledger.data.items.length === 0) return <StateView kind="empty" text="还没有金币记录" />;
  const { month } = ledger.data;

  return (
    <View className="ledger">
      <View className="ledger__month" aria-label="本月消费">
        <Text className="ledger__month-title">本月消费（{month.month}）</Text>
        <Text className="ledger__month-value">¥{formatFen(month.fen)}</Text>
        <Text className="ledger__month-coins">解锁剧集用去 {month.coins} 金币</Text>
      </View>
      <View role="list">
        {ledger.data.items.map((entry) => {
          const label = ledgerLabel(entry);
          const sign = label.delta.startsWith('+') ? 'plus' : label.delta ? 'minus' : 'none';
          return (
            <View key={entry.opId} className="ledger-row" role="listitem">
              <View className="ledger-row__info">
                <Text className="ledger-row__title">{label.title}</Text>
                <Text className="ledger-row__date">{dateTimeText(entry.at)}</Text>
              </View>
              <View className="ledger-row__amount">
                <Text className={`ledger-row__delta ledger-row__delta--${sign}`}>{label.delta || '—'}</Text>
                {label.detail && <Text className="ledger-row__detail">{label.detail}</Text>}
              </View>
            </View>
          );
        })}
      </View>
    </View>
  );
}
