import { addDays } from '@drama/shared/calendar';
import { extendMembership, isMembershipActive, membershipProduct } from '@drama/shared/membership';
import { extendSignedMembership, signingPlans, type SigningPlan } from '@drama/shared/wechat-signing';
import { coinPacks } from '@drama/shared/products';
import type { WalletChange, Wallet } from '../wallet/wallet';
import type { Order } from './order';

/** What a paid order adds to the wallet. Pure: the store applies it once, by the order id. */
export function grantChange(order: Order, wallet: Wallet, now: Date): WalletChange {
  const { product } = order;
  switch (product.kind) {
    case 'coins': {
      const pack = order.pack ?? coinPacks.find((p) => p.packId === product.packId);
      if (!pack) throw new Error(`order ${order.orderId}: unknown pack ${product.packId}`);
      const bonus = pack.bonusCoins
        ? [...wallet.bonus, { ref: order.orderId, amount: pack.bonusCoins, expiresAt: addDays(now, pack.bonusDays).toISOString() }]
        : wallet.bonus;
      return { wallet: { ...wallet, coins: wallet.coins + pack.coins, bonus }, reason: 'purchase', ref: order.orderId, amountFen: order.amountFen };
    }
    case 'series':
      return { wallet: { ...wallet, seriesOwned: new Set([...wallet.seriesOwned, product.seriesId]) }, reason: 'series', ref: order.orderId, amountFen: order.amountFen };
    case 'membership': {
      const current = wallet.membership;
      const active = isMembershipActive(current, now);
      // WeChat's signed plans run 31 or 372 days; everything else calendar months.
      const signed = order.platform === 'wechat' && (signingPlans as readonly string[]).includes(product.plan);
      const extended = signed
        ? { expiresAt: extendSignedMembership(current, product.plan as SigningPlan, now), anchorDay: current?.anchorDay ?? 1 }
        : extendMembership(current, product.plan, now);
      return {
        wallet: {
          ...wallet,
          membership: {
            plan: product.plan,
            expiresAt: extended.expiresAt,
            anchorDay: extended.anchorDay,
            autoRenew: membershipProduct(product.plan).autoRenew,
            orderId: order.orderId,
            periodStartsAt: active ? current.expiresAt : now.toISOString(),
            platform: order.platform,
          },
        },
        reason: order.renewalOf ? 'renewal' : 'membership',
        ref: order.orderId,
        amountFen: order.amountFen,
      };
    }
  }
}

/**
 * What a refund takes back: the series, the membership period the order bought, or the coins
 * (as many as are left; the shortfall is noted in the ledger, the balance never goes below zero).
 */
export function refundChange(order: Order, wallet: Wallet): WalletChange {
  const { product } = order;
  switch (product.kind) {
    case 'coins': {
      const pack = order.pack ?? coinPacks.find((p) => p.packId === product.packId);
      const coins = pack?.coins ?? 0;
      const taken = Math.min(coins, wallet.coins);
      return {
        wallet: { ...wallet, coins: wallet.coins - taken, bonus: wallet.bonus.filter((g) => g.ref !== order.orderId) },
        reason: 'refund',
        ref: order.orderId,
        note: taken < coins ? `${coins - taken} coins already spent` : undefined,
        amountFen: order.amountFen,
      };
    }
    case 'series': {
      const owned = new Set(wallet.seriesOwned);
      owned.delete(product.seriesId);
      return { wallet: { ...wallet, seriesOwned: owned }, reason: 'refund', ref: order.orderId, amountFen: order.amountFen };
    }
    case 'membership': {
      const m = wallet.membership;
      if (!m) return { wallet, reason: 'refund', ref: order.orderId, note: 'no membership to revoke', amountFen: order.amountFen };
      // The refunded order bought the latest period: cut the membership back to where that period began.
      const cut = m.orderId === order.orderId ? m.periodStartsAt : m.expiresAt;
      return { wallet: { ...wallet, membership: { ...m, expiresAt: cut, autoRenew: false } }, reason: 'refund', ref: order.orderId, amountFen: order.amountFen };
    }
  }
}
