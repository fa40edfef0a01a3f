import { formatFen } from '@drama/shared/money';
import { coinPacks, membershipProducts, type CoinPack, type MembershipProduct } from '@drama/shared/products';
import type { ProductRef } from '@drama/shared/orders';

/** How products read in the store, the cashier and the order page. */

export const priceText = (fen: number) => `¥${formatFen(fen)}`;

export const coinPackTitle = (pack: CoinPack) => `${pack.coins} 金币${pack.bonusCoins ? ` + 赠送 ${pack.bonusCoins}` : ''}`;

/** "¥25.00/月", "¥198.00/年". */
export const planPriceText = (m: MembershipProduct) => `${priceText(m.priceFen)}/${m.months === 12 ? '年' : m.months === 1 ? '月' : `${m.months} 个月`}`;

/** An order's product in words; a series is named by the caller when it knows the title. */
export function productText(product: ProductRef, seriesTitle?: string): string {
  switch (product.kind) {
    case 'coins': {
      const pack = coinPacks.find((p) => p.packId === product.packId);
      return pack ? coinPackTitle(pack) : '金币';
    }
    case 'membership':
      return membershipProducts.find((m) => m.plan === product.plan)?.title ?? '会员';
    case 'series':
      return seriesTitle ? `《${seriesTitle}》全集` : '解锁全集';
  }
}
