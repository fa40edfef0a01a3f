import { shanghaiDate, shanghaiDateTime } from '@drama/shared/calendar';
import { membershipProduct, preChargeNoticeDue } from '@drama/shared/membership';
import { formatFen } from '@drama/shared/money';
import type { MembershipView, WalletOutput } from '@drama/shared/wallet';

/** How the wallet reads on screen. Dates are the market's calendar days (Asia/Shanghai). */

export const dateText = (iso: string) => shanghaiDate(new Date(iso));

/** Paid plus bonus: what an unlock can spend. */
export const spendable = (w: Pick<WalletOutput, 'coins' | 'bonusCoins'>) => w.coins + w.bonusCoins;

/** "300 赠送金币，最早一笔 2025-02-01 到期", or nothing when there is no bonus. */
export function bonusNote(w: WalletOutput): string {
  if (w.bonusCoins <= 0) return '';
  const expiry = w.bonusExpiresAt ? `，最早一笔 ${dateText(w.bonusExpiresAt)} 到期` : '';
  return `含赠送金币 ${w.bonusCoins}${expiry}`;
}

export const planTitle = (plan: MembershipView['plan']) => membershipProduct(plan).title;

/** "连续包月 · 2025-03-01 到期", or 未开通. */
export function membershipLine(m: MembershipView | null): string {
  if (!m) return '未开通';
  return `${planTitle(m.plan)} · ${dateText(m.expiresAt)} 到期`;
}

export function renewalLine(m: MembershipView): string {
  if (m.autoRenew && m.renewal) return `自动续费中，将于 ${dateText(m.renewal.chargeAt)} 扣费 ¥${formatFen(m.renewal.amountFen)}`;
  if (m.autoRenew) return `自动续费中，将于 ${dateText(m.expiresAt)} 续费`;
  return membershipProduct(m.plan).autoRenew ? '已取消自动续费，到期后不再扣费' : '到期后不会自动续费';
}

/** "2025-01-31 20:05" in Shanghai time. */
export const dateTimeText = (iso: string) => shanghaiDateTime(iso);

/**
 * The pre-charge line on 我的: from two days before an auto-renewal charge (the same rule as the
 * notice the renewal job sends), when and how much; null otherwise.
 */
export function preChargeLine(m: MembershipView | null, now = new Date()): string | null {
  if (!m?.autoRenew || !m.renewal || !preChargeNoticeDue(m.expiresAt, now)) return null;
  return `${planTitle(m.plan)}将于 ${dateText(m.renewal.chargeAt)} 自动续费 ¥${formatFen(m.renewal.amountFen)}`;
}
