import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { anchorDayOf, firstRenewal } from '@drama/shared/membership';
import { formatFen } from '@drama/shared/money';
import type { MembershipView } from '@drama/shared/wallet';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { useGetProducts } from '@/features/pay/api/get-products';
import { PaySheet } from '@/features/pay/components/pay-sheet';
import { usePayOrder } from '@/features/pay/hooks/use-pay-order';
import { signOnWechat, signsOnWechat } from '@/features/pay/wechat-sign';
import { planPriceText } from '@/features/pay/product-text';
import { cancelMembership } from '@/features/wallet/api/cancel-membership';
import { useWallet } from '@/features/wallet/hooks/use-wallet';
import { dateText, planTitle, renewalLine } from '@/features/wallet/wallet-text';
import type { MembershipPlan } from '@drama/shared/products';
import { canPurchase, purchaseBlockedReason } from '@/lib/capabilities';
import './index.css';

/** 会员中心: the current membership (expiry, renewal, 取消自动续费) and the three plans. */
export default function MembershipPage() {
  const purchasable = canPurchase();
  const wallet = useWallet();
  const products = useGetProducts();
  const pay = usePayOrder({ onGranted: () => wallet.reload() });
  const member = wallet.status === 'success' ? wallet.data.membership : null;
  // Auto-renewal is never pre-selected: each auto-renewing plan needs its own tick before it is bought.
  const [agreed, setAgreed] = useState<Partial<Record<MembershipPlan, boolean>>>({});
  const renewalTerms = (plan: MembershipPlan, priceFen: number) =>
    firstRenewal(member ? { expiresAt: member.expiresAt, anchorDay: anchorDayOf(new Date(member.expiresAt)) } : null, plan, priceFen, new Date());

  return (
    <View className="membership">
      <View className="membership__status">
        {wallet.status === 'loading' && <StateView kind="loading" />}
        {wallet.status === 'error' && <StateView kind="error" error={wallet.error} onRetry={wallet.reload} />}
        {wallet.status === 'success' && <MembershipStatus membership={member} onChanged={wallet.reload} />}
      </View>

      <Text className="membership__heading">{member ? '续费会员' : '开通会员'}</Text>
      {!purchasable && <Text className="membership__blocked">{purchaseBlockedReason}</Text>}
      {purchasable && products.status === 'loading' && <StateView kind="loading" />}
      {purchasable && products.status === 'error' && <StateView kind="error" error={products.error} onRetry={products.reload} />}
      {purchasable && products.status === 'success' && (
        <View className="membership__plans">
          {products.data.memberships.map((plan) => {
            const terms = renewalTerms(plan.plan, plan.priceFen);
            const ready = !terms || agreed[plan.plan] === true;
            const start = () => (signsOnWechat(plan.plan) ? void signOnWechat(plan.plan).then(wallet.reload, wallet.reload) : pay.start({ kind: 'membership', plan: plan.plan }, plan.title));
            const buy = () => (ready ? start() : Taro.showToast({ title: '请先勾选同意自动续费', icon: 'none' }));
            return (
              <View key={plan.plan} className={`plan${plan.plan === 'year_auto' ? ' plan--best' : ''}`}>
                {plan.plan === 'year_auto' && <Text className="plan__badge">最划算</Text>}
                <View className="plan__row">
                  <View className="plan__info">
                    <Text className="plan__title">{plan.title}</Text>
                    <Text className="plan__note">{plan.autoRenew ? '自动续费，可随时取消' : `${plan.months} 个月，到期不续费`}</Text>
                  </View>
                  <Text className="plan__price">{planPriceText(plan)}</Text>
                  <Button role="button" className="pill plan__buy" aria-disabled={!ready} aria-label={`开通${plan.title}`} onClick={buy}>
                    {member ? '续费' : '开通'}
                  </Button>
                </View>
                {terms && (
                  <View className="plan__renewal">
                    <Text className="plan__renewal-terms">
                      开通后将于 {dateText(terms.chargeAt)} 自动续费 ¥{formatFen(terms.amountFen)}，扣费前两天提醒，可随时取消
                    </Text>
                    <Button
                      role="checkbox"
                      aria-checked={agreed[plan.plan] === true}
                      className={`plan__agree${agreed[plan.plan] ? ' plan__agree--on' : ''}`}
                      onClick={() => setAgreed({ ...agreed, [plan.plan]: !agreed[plan.plan] })}
                    >
                      同意到期自动续费
                    </Button>
                  </View>
                )}
              </View>
            );
          })}
        </View>
      )}

      <View className="membership__rules">
        <Text className="membership__rule">· 会员有效期内，全部剧集免费观看。</Text>
        {purchasable && (
          <>
            <Text className="membership__rule">· 自动续费：到期前自动按原价扣费续期，可随时在本页取消，取消后已付费的会员期仍然有效。</Text>
            <Text className="membership__rule">· 已是会员时再次购买，会员期从当前到期日起顺延。</Text>
          </>
        )}
      </View>

      <PaySheet pay={pay} />
    </View>
  );
}

function MembershipStatus({ membership, onChanged }: { membership: MembershipView | null; onChanged: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  if (!membership) {
    return (
      <View className="membership__card">
        <Text className="membership__state">你还不是会员</Text>
        <Text className="membership__sub">开通会员，全部剧集免费看</Text>
      </View>
    );
  }

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消自动续费',
      content: `取消后到期不再扣费，会员在 ${dateText(membership.expiresAt)} 前仍然有效。`,
      confirmText: '确认取消',
      cancelText: '再想想',
      confirmColor: '#fe2c55',
    });
    if (!confirm) return;
    setCancelling(true);
    try {
      await cancelMembership();
      Taro.showToast({ title: '已取消自动续费', icon: 'none' });
      onChanged();
    } catch (err) {
      Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setCancelling(false);
    }
  };

  return (
    <View className="membership__card membership__card--active">
      <Text className="membership__plan">{planTitle(membership.plan)}</Text>
      <Text className="membership__state">会员有效期至 {dateText(membership.expiresAt)}</Text>
      <Text className="membership__sub">{renewalLine(membership)}</Text>
      {membership.autoRenew && (
        <Button role="button" className="membership__cancel" onClick={() => void (cancelling || cancel())}>
          {cancelling ? '正在取消…' : '取消自动续费'}
        </Button>
      )}
    </View>
  );
}
