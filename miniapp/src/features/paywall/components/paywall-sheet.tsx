import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ProductRef } from '@drama/shared/orders';
import type { CostToFinish } from '@drama/shared/paywall';
import type { Offer } from '@drama/shared/playback';
import { errorText } from '@/lib/error-text';
import { canPurchase, purchaseBlockedReason } from '@/lib/capabilities';
import { useCoinUnlock } from '../hooks/use-coin-unlock';
import { cheapestText, finishText, offerLabel, offerProduct } from '../offer-label';
import { AdUnlockPanel } from './ad-unlock-panel';
import './paywall-sheet.css';

export interface PaywallSheetProps {
  /** Exactly the offers the API returned with its 402. */
  offers: Offer[];
  seriesId: string;
  episode: number;
  /** For the order's title (《…》全集). */
  seriesTitle?: string;
  onClose: () => void;
  /** Coins then bonus coins, from GET /me/wallet (the page fetches it); hidden until known. */
  balance?: { coins: number; bonusCoins: number };
  /** A series or membership offer was chosen: the page runs the order and payment. */
  onBuy: (product: ProductRef, title: string) => void;
  /** Coins were spent on this episode: it plays now. */
  onUnlocked: () => void;
  /** Open the coin store; `shortBy`: the coins this unlock still lacks. */
  onTopUp: (shortBy?: number) => void;
  /** Whether this platform may show purchase UI (lib/capabilities); a prop so tests can set it. */
  purchasable?: boolean;
  message?: string;
  /** What finishing the series still costs (the 402's costToFinish), shown beside the prices. */
  costToFinish?: CostToFinish;
}

/**
 * The bottom sheet shown when an episode is locked: the unlock offers with their prices, the
 * balance, and what each offer does. Coins are spent here (POST /unlocks); paid offers go to the
 * page's purchase flow. It covers its nearest positioned ancestor: render it in the page's
 * full-screen root.
 */
export function PaywallSheet(props: PaywallSheetProps) {
  const { offers, seriesId, episode, seriesTitle, onClose, balance, onBuy, onUnlocked, onTopUp, message, costToFinish } = props;
  const purchasable = props.purchasable ?? canPurchase();
  const coins = useCoinUnlock(seriesId, episode);
  const [watchingAd, setWatchingAd] = useState(false);
  useEffect(() => setWatchingAd(false), [seriesId, episode]);
  const shown = offers.filter((o) => purchasable || !offerLabel(o).paid);
  const hidden = shown.length < offers.length;
  const finish = purchasable && costToFinish ? finishText(costToFinish) : '';
  const cheapest = costToFinish ? cheapestText(costToFinish) : '';

  const choose = async (offer: Offer) => {
    if (offer.kind === 'ad') return setWatchingAd(true);
    if (offer.kind === 'coins') {
      if (await coins.unlock()) {
        Taro.showToast({ title: '解锁成功', icon: 'success' });
        onUnlocked();
      }
      return;
    }
    const { product, title } = offerProduct(offer, seriesId, seriesTitle);
    onBuy(product, title);
  };

  return (
    <View className="paywall-mask" onClick={onClose}>
      <View className="paywall" role="dialog" aria-label="解锁剧集" onClick={(e) => e.stopPropagation()}>
        <View className="paywall__head">
          <Text className="paywall__title">解锁剧集</Text>
          <Button role="button" className="paywall__close" onClick={onClose}>
            关闭
          </Button>
        </View>
        {message && <Text className="paywall__message">{message}</Text>}
        {finish && (
          <View className="paywall__finish" aria-label="看完全剧">
            <Text>{finish}</Text>
            {cheapest && <Text className="paywall__finish-cheapest">{cheapest}</Text>}
          </View>
        )}
        {hidden && <Text className="paywall__notice">{purchaseBlockedReason}</Text>}
        {purchasable && balance && (
          <View className="paywall__balance">
            <Text>
              余额 <Text className="paywall__balance-coins">{balance.coins + balance.bonusCoins}</Text> 金币
              {balance.bonusCoins > 0 ? `（含赠送 ${balance.bonusCoins}）` : ''}
            </Text>
            <Button role="button" className="paywall__topup" onClick={() => onTopUp()}>
              充值 ›
            </Button>
          </View>
        )}
        {coins.state.status === 'short' && (
          <View className="paywall__short" role="alert">
            <Text>金币不足，还差 {coins.state.shortBy}</Text>
            <Button role="button" className="pill paywall__short-action" onClick={() => onTopUp(coins.state.status === 'short' ? coins.state.shortBy : undefined)}>
              去充值
            </Button>
          </View>
        )}
        {coins.state.status === 'error' && (
          <View className="paywall__notice" role="alert">
            {errorText(coins.state.error)}
          </View>
        )}
        {watchingAd ? (
          <AdUnlockPanel
            seriesId={seriesId}
            episode={episode}
            onBack={() => setWatchingAd(false)}
            onUnlocked={() => {
              Taro.showToast({ title: '解锁成功', icon: 'success' });
              onUnlocked();
            }}
          />
        ) : (
          <View className="paywall__offers">
            {shown.map((offer) => {
              const label = offerLabel(offer);
              const busy = offer.kind === 'coins' && coins.state.status === 'unlocking';
              return (
                <Button
                  role="button"
                  key={offer.kind === 'membership' ? `membership-${offer.plan}` : offer.kind}
                  className={`paywall-offer paywall-offer--${offer.kind}${busy ? ' paywall-offer--busy' : ''}`}
                  aria-busy={busy}
                  onClick={() => void choose(offer)}
                >
                  <Text className="paywall-offer__title">{busy ? '解锁中…' : label.title}</Text>
                  {label.price && <Text className="paywall-offer__price">{label.price}</Text>}
                  {offer.kind === 'ad' && <Text className="paywall-offer__tag">免费</Text>}
                  {offer.cheapest && purchasable && <Text className="paywall-offer__cheapest">最省</Text>}
                </Button>
              );
            })}
          </View>
        )}
      </View>
    </View>
  );
}
