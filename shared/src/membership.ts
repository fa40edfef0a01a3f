import { shanghaiOffsetMs } from './calendar';
import { membershipProducts, type MembershipPlan, type MembershipProduct } from './products';

/**
 * Membership periods in calendar months, in Asia/Shanghai civil time (the market's calendar): a
 * month bought on 31 January ends on the last day of February (29th in leap years), and the next
 * renewal goes back to the 31st where the month has one (anchored on the day first bought).
 */

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** `from` plus `months` calendar months, clamping to the month's last day, keeping the clock time. */
export function addMonths(from: Date, months: number, anchorDay?: number): Date {
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const local = new Date(from.getTime() + shanghaiOffsetMs);
  const day = anchorDay ?? local.getUTCDate();
  const total = local.getUTCFullYear() * 12 + local.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const clamped = Math.min(day, daysInMonth(year, month0));
  const result = Date.UTC(year, month0, clamped, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(result - shanghaiOffsetMs);
}

export function membershipProduct(plan: MembershipPlan): MembershipProduct {
  const product = membershipProducts.find((p) => p.plan === plan);
  if (!product) throw new RangeError(`unknown plan ${plan}`);
  return product;
}

/** The Shanghai calendar day of `at`, 1–31: the anchor for later renewals. */
export function anchorDayOf(at: Date): number {
  return new Date(at.getTime() + shanghaiOffsetMs).getUTCDate();
}

/**
 * The one rule for "is this membership active": paid time is left, until (not at) its end. Used by
 * the entitlement rule, every extension of a period, the wallet's view and cancelling.
 */
export function isMembershipActive<M extends { expiresAt: string }>(membership: M | null | undefined, now: Date): membership is M {
  return Boolean(membership) && Date.parse(membership!.expiresAt) > now.getTime();
}

/**
 * When a purchased or renewed period ends: a member who still has time left is extended from the
 * current end (nothing paid is lost); a new or lapsed member starts now.
 */
export function extendMembership(current: { expiresAt: string; anchorDay: number } | null, plan: MembershipPlan, now: Date): { expiresAt: string; anchorDay: number } {
  const { months } = membershipProduct(plan);
  const active = isMembershipActive(current, now);
  const start = active ? new Date(current.expiresAt) : now;
  const anchorDay = active ? current.anchorDay : anchorDayOf(now);
  return { expiresAt: addMonths(start, months, anchorDay).toISOString(), anchorDay };
}

/** Auto-renewals are charged this long before the period ends, so a member never goes without. */
export const renewAheadMs = 24 * 3600_000;
/** The pre-charge notice goes out two days before each charge (service message + a line on 我的). */
export const preChargeNoticeMs = 2 * 24 * 3600_000;

/** When the renewal of a period ending at `expiresAt` is charged. */
export const chargeAtOf = (expiresAt: string): string => new Date(Date.parse(expiresAt) - renewAheadMs).toISOString();

/**
 * The notice may go out up to this much earlier, so that a job held back by the quiet hours (at
 * most 10 h) or an hourly schedule still gives the member two full days.
 */
export const preChargeNoticeSlackMs = 12 * 3600_000;

/** Whether the pre-charge notice of a period ending at `expiresAt` is due at `now` (the charge is about two days away, or nearer). */
export const preChargeNoticeDue = (expiresAt: string, now: Date): boolean =>
  Date.parse(chargeAtOf(expiresAt)) - now.getTime() <= preChargeNoticeMs + preChargeNoticeSlackMs;

/**
 * What buying `plan` now commits the viewer to, shown before paying: for an auto-renewing plan the
 * first renewal's charge date and amount; null for a plan that does not renew.
 */
export function firstRenewal(current: { expiresAt: string; anchorDay: number } | null, plan: MembershipPlan, priceFen: number, now: Date): { chargeAt: string; amountFen: number } | null {
  if (!membershipProduct(plan).autoRenew) return null;
  return { chargeAt: chargeAtOf(extendMembership(current, plan, now).expiresAt), amountFen: priceFen };
}
