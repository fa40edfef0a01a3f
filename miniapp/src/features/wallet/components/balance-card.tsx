import { Text, View } from '@tarojs/components';
import type { WalletOutput } from '@drama/shared/wallet';
import { bonusNote, spendable } from '../wallet-text';
import './balance-card.css';

/** The coin balance as a headline: paid plus bonus, and when the soonest bonus runs out. */
export function BalanceCard({ wallet }: { wallet: WalletOutput }) {
  const note = bonusNote(wallet);
  return (
    <View className="balance-card" aria-label="金币余额">
      <Text className="balance-card__label">金币余额</Text>
      <Text className="balance-card__coins">{spendable(wallet)}</Text>
      {note && <Text className="balance-card__note">{note}</Text>}
    </View>
  );
}
