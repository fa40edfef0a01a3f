import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view/state-view';
import { useGetProducts } from '@/features/pay/api/get-products';
import { PaySheet } from '@/features/pay/components/pay-sheet';
import { usePayOrder } from '@/features/pay/hooks/use-pay-order';
import { coinPackTitle, priceText } from '@/features/pay/product-text';
import { BalanceCard } from '@/features/wallet/components/balance-card';
import { useWallet } from '@/features/wallet/hooks/use-wallet';
import { canPurchase, purchaseBlockedReason } from '@/lib/capabilities';
import { ledgerPageUrl } from '@/lib/routes';
import './index.css';

/**
 * 金币充值: the balance, the coin packs with their price and bonus, and the way to the ledger.
 * `?need=N`: the paywall sent the user here N coins short; after paying, 返回解锁 goes back there.
 */
export default function CoinStorePage() {
  const need = Number(useRouter().params.need) || 0;
  const purchasable = canPurchase();
  const wallet = useWallet();
  const products = useGetProducts();
  const pay = usePayOrder({ onGranted: () => wallet.reload() });
  const backToUnlock = need > 0 && Taro.getCurrentPages().length > 1;

  return (
    <View className="coin-store">
      {wallet.status === 'success' && <BalanceCard wallet={wallet.data} />}
      {wallet.status === 'loading' && <StateView kind="loading" />}
      {wallet.status === 'error' && <StateView kind="error" error={wallet.error} onRetry={wallet.reload} />}

      {need > 0 && purchasable && <Text className="coin-store__need">还差 {need} 金币解锁本集，充值后返回即可解锁</Text>}

      <Text className="coin-store__heading">充值金币</Text>
      {!purchasable && <Text className="coin-store__blocked">{purchaseBlockedReason}</Text>}
      {purchasable && products.status === 'loading' && <StateView kind="loading" />}
      {purchasable && products.status === 'error' && <StateView kind="error" error={products.error} onRetry={products.reload} />}
      {purchasable && products.status === 'success' && (
        <View className="coin-store__packs">
          {products.data.coinPacks.map((pack) => (
            <View
              key={pack.packId}
              className={`coin-pack${pack.coins >= need && need > 0 ? ' coin-pack--enough' : ''}`}
              role="button"
              aria-label={`${coinPackTitle(pack)}，${priceText(pack.priceFen)}`}
              onClick={() => pay.start({ kind: 'coins', packId: pack.packId }, coinPackTitle(pack))}
            >
              <Text className="coin-pack__coins">{pack.coins}</Text>
              <Text className="coin-pack__unit">金币</Text>
              {pack.bonusCoins > 0 ? (
                <Text className="coin-pack__bonus">
                  赠 {pack.bonusCoins} · {pack.bonusDays} 天有效
                </Text>
              ) : (
                <Text className="coin-pack__bonus coin-pack__bonus--none">无赠送</Text>
              )}
              <Text className="coin-pack__price">{priceText(pack.priceFen)}</Text>
            </View>
          ))}
        </View>
      )}

      <Button role="button" className="coin-store__link" onClick={() => Taro.navigateTo({ url: ledgerPageUrl })}>
        <Text>金币明细</Text>
        <Text className="coin-store__chevron">›</Text>
      </Button>

      <View className="coin-store__rules">
        <Text className="coin-store__rule">· 金币用于解锁付费剧集，充值的金币长期有效。</Text>
        <Text className="coin-store__rule">· 赠送金币在有效期内可用，解锁时优先使用最先到期的赠送金币。</Text>
        <Text className="coin-store__rule">· 虚拟商品一经购买不支持退换，如遇问题请联系客服。</Text>
      </View>

      <PaySheet
        pay={pay}
        doneLabel={backToUnlock ? '返回解锁' : '完成'}
        onDone={backToUnlock ? () => Taro.navigateBack() : undefined}
      />
    </View>
  );
}
