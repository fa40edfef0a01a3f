import { formatFen } from '@drama/shared/money';
import { chargeAtOf, membershipProduct, preChargeNoticeDue, preChargeNoticeMs, preChargeNoticeSlackMs, renewAheadMs } from '@drama/shared/membership';
import { shanghaiDate } from '@drama/shared/calendar';
import type { ProductCatalog } from '@drama/shared/products';
import type { MessageSender, Recipients } from '../reminders/send';
import type { Membership } from '../wallet/wallet';

/**
 * The pre-charge notice: two days before each auto-renewal charge the member gets a service message
 * (the platform's message API; the sandbox records it in its inbox) saying when, how much, and where
 * to cancel; the app's 我的 page shows the same line from the wallet. One notice per charge: a
 * conditional claim on the notice's own item (leased, so a crashed send is retried by a later run,
 * at most `maxAttempts` times), then the send, then `sent`.
 */
export interface NoticeLog {
  /** Claims the notice of the period ending `expiresAt` for one attempt; false when it was sent, is leased, or ran out of attempts. */
  claim(userId: string, expiresAt: string, now: Date, leaseUntil: Date, maxAttempts: number): Promise<boolean>;
  markSent(userId: string, expiresAt: string, now: Date): Promise<void>;
}

export interface NoticePorts {
  notices: NoticeLog;
  recipients: Recipients;
  sender: MessageSender;
  /** Auto-renewing members whose period ends before `before`. */
  dueBefore(before: Date): Promise<Array<{ userId: string; membership: Membership }>>;
  products?: () => Promise<ProductCatalog>;
  isQuiet: (at: Date) => boolean;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
}

const leaseMs = 10 * 60_000;
const maxAttempts = 5;

/** The page the notice opens: the membership page, where cancelling is one tap. */
export const renewalNoticePage = 'packages/pay/pages/membership/index?from=renewal_notice';

export function renewalNoticeText(plan: Membership['plan'], chargeAt: string, amountFen: number): { title: string; body: string } {
  return { title: '自动续费提醒', body: `${membershipProduct(plan).title}将于${shanghaiDate(new Date(chargeAt))}自动续费¥${formatFen(amountFen)}，不需要可在会员中心取消` };
}

export async function sendPreChargeNotices(ports: NoticePorts): Promise<{ sent: number; failed: number }> {
  const counts = { sent: 0, failed: 0 };
  const now = ports.now();
  if (ports.isQuiet(now)) return counts;
  const horizon = new Date(now.getTime() + renewAheadMs + preChargeNoticeMs + preChargeNoticeSlackMs);
  const prices = ports.products ? await ports.products() : undefined;
  for (const { userId, membership } of await ports.dueBefore(horizon)) {
    const chargeAt = chargeAtOf(membership.expiresAt);
    // Due, and the charge still ahead (a period already renewed has a later end and waits its turn).
    if (!preChargeNoticeDue(membership.expiresAt, now) || Date.parse(chargeAt) <= now.getTime()) continue;
    if (!(await ports.notices.claim(userId, membership.expiresAt, now, new Date(now.getTime() + leaseMs), maxAttempts))) continue;
    const identity = await ports.recipients.identityOf(userId);
    if (!identity) continue;
    const amountFen = prices?.memberships.find((m) => m.plan === membership.plan)?.priceFen ?? membershipProduct(membership.plan).priceFen;
    const text = renewalNoticeText(membership.plan, chargeAt, amountFen);
    const result = await ports.sender.send({ userId, ...identity }, { kind: 'renewal_notice', msgId: `renewal:${userId}:${membership.expiresAt}`, ...text, page: renewalNoticePage });
    if (result.ok) {
      await ports.notices.markSent(userId, membership.expiresAt, ports.now());
      counts.sent++;
    } else {
      counts.failed++;
      ports.log('pre-charge notice not sent', { userId, expiresAt: membership.expiresAt, reason: result.reason });
    }
  }
  return counts;
}
