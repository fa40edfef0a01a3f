import type { ProductRef } from '@drama/shared/orders';
import type { Offer } from '@drama/shared/playback';
import { formatFen } from '@drama/shared/money';
import type { CostToFinish } from '@drama/shared/paywall';
import { membershipProducts } from '@drama/shared/products';

/** How an offer reads on the paywall: what it is, and what it costs (empty when it costs no money). */
export interface OfferLabel {
  title: string;
  price: string;
  /** Whether taking this offer spends money or coins: such offers are hidden where purchase is barred. */
  paid: boolean;
}

export function offerLabel(offer: Offer): OfferLabel {
  switch (offer.kind) {
    case 'coins':
      return { title: `${offer.coins} 金币解锁本集`, price: '', paid: true };
    case 'series':
      return { title: '解锁全集', price: `¥${formatFen(offer.priceFen)}`, paid: true };
    case 'membership': {
      const product = membershipProducts.find((m) => m.plan === offer.plan);
      return { title: product?.title ?? '会员', price: `¥${formatFen(offer.priceFen)}`, paid: true };
    }
    case 'ad':
      return { title: '看广告免费解锁本集', price: '', paid: false };
  }
}

/** What a paid offer buys, as POST /orders names it, and how the cashier titles it. */
export function offerProduct(offer: Extract<Offer, { kind: 'series' | 'membership' }>, seriesId: string, seriesTitle?: string): { product: ProductRef; title: string } {
  if (offer.kind === 'series') return { product: { kind: 'series', seriesId }, title: seriesTitle ? `《${seriesTitle}》全集` : '解锁全集' };
  return { product: { kind: 'membership', plan: offer.plan }, title: offerLabel(offer).title };
}

/** "看完全剧还需解锁 9 集，逐集共 360 金币（约 ¥3.60）", or nothing when nothing is left to unlock. */
export function finishText(cost: CostToFinish): string {
  if (cost.episodes === 0) return '';
  return `看完全剧还需解锁 ${cost.episodes} 集，逐集共 ${cost.coins} 金币（约 ¥${formatFen(cost.fen)}）`;
}

/** The server's pick of the cheapest way to finish, in words. */
export function cheapestText(cost: CostToFinish): string {
  switch (cost.cheapest) {
    case 'coins':
      return '最省：逐集用金币解锁';
    case 'series':
      return '最省：解锁全集';
    case 'membership':
      return `最省：${membershipProducts.find((m) => m.plan === cost.plan)?.title ?? '会员'}`;
    default:
      return '';
  }
}
