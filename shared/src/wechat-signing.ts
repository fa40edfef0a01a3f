import { z } from 'zod';
import { shanghaiDate, shanghaiOffsetMs } from './calendar';
import { isMembershipActive } from './membership';

/**
 * WeChat's membership subscription (会员订阅, virtual payment's signing: `wx.requestSubscribeSign`,
 * Android only) and its rules, in one place (WX …/business-capabilities/vips.html):
 * - periods of 31 days (month) and 372 days (year), not calendar months;
 * - every charge after the first (which comes within 12 hours of signing) needs a pre-charge notice
 *   sent on day t-2 for the same amount; charges and notices only between 07:10 and 21:50;
 * - the signing's state follows WeChat's notifications: signed, charged, failed, terminated.
 * Who may offer it (virtual payment live, 90 days since release, 10k daily users) is a switch.
 */
export const signingPlans = ['month_auto', 'year_auto'] as const;
export type SigningPlan = (typeof signingPlans)[number];

export const signedPeriodDays: Record<SigningPlan, number> = { month_auto: 31, year_auto: 372 };
export const isSigningPlanName = (plan: string): plan is SigningPlan => (signingPlans as readonly string[]).includes(plan);

/** 07:10–21:50, Asia/Shanghai, in minutes of the day: charges and pre-charge notices only inside. */
export const chargeWindow = { fromMinute: 7 * 60 + 10, toMinute: 21 * 60 + 50 };

const minuteOfDay = (at: Date) => {
  const local = new Date(at.getTime() + shanghaiOffsetMs);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
};

export function inChargeWindow(at: Date): boolean {
  const m = minuteOfDay(at);
  return m >= chargeWindow.fromMinute && m < chargeWindow.toMinute;
}

/** The pre-charge notice goes out this many days before the charge (day t-2 for a charge on day t). */
export const preChargeNoticeDays = 2;
/** The first charge needs no notice if it comes this soon after signing. */
export const firstChargeWithinMs = 12 * 3600_000;

const day = 24 * 3600_000;

/** The Shanghai day a renewal is charged on: the day before the period ends, so it never lapses. */
export const chargeDay = (expiresAt: string): string => shanghaiDate(new Date(Date.parse(expiresAt) - day));
/** The Shanghai day its pre-charge notice is sent on (t-2). */
export const noticeDay = (expiresAt: string): string => shanghaiDate(new Date(Date.parse(expiresAt) - day * (1 + preChargeNoticeDays)));

/** Whether a notice sent on `noticedOn` allows a charge on `today` (both Shanghai days): at least two days later. */
export function noticeAllowsCharge(noticedOn: string, today: string): boolean {
  return Date.parse(`${today}T00:00:00Z`) - Date.parse(`${noticedOn}T00:00:00Z`) >= preChargeNoticeDays * day;
}

/** A signed period: `days` after the end of the current one, or from now for a new (or lapsed) member. */
export function extendSignedMembership(current: { expiresAt: string } | null, plan: SigningPlan, now: Date): string {
  const start = isMembershipActive(current, now) ? Date.parse(current.expiresAt) : now.getTime();
  return new Date(start + signedPeriodDays[plan] * day).toISOString();
}

export const signingStates = ['pending', 'signed', 'terminated'] as const;
export type SigningState = (typeof signingStates)[number];

/** POST /memberships/sign: the parameters `wx.requestSubscribeSign` takes, for an auto-renewing plan. */
export const signInputSchema = z.object({ plan: z.enum(signingPlans) }).strict();
export type SignInput = z.infer<typeof signInputSchema>;
export const signOutputSchema = z.object({
  contractCode: z.string(),
  /** What wx.requestSubscribeSign takes (the H5 sandbox posts it to the sandbox platform). */
  signParams: z.object({ signData: z.string(), paySig: z.string(), signature: z.string() }),
});
export type SignOutput = z.infer<typeof signOutputSchema>;

/** GET /me/signing: the viewer's WeChat signing, if any. */
export const signingViewSchema = z.object({
  signing: z
    .object({
      plan: z.enum(signingPlans),
      state: z.enum(signingStates),
      priceFen: z.number().int(),
      /** The last charge: paid, or failed (retried within the charge window). */
      lastCharge: z.object({ orderId: z.string(), state: z.enum(['charging', 'charged', 'failed']), at: z.string() }).optional(),
    })
    .nullable(),
});
export type SigningView = z.infer<typeof signingViewSchema>;
