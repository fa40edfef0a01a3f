import { userIdFor } from '@drama/shared/user-id';
import { NotFound } from '../errors';
import { chargeFailed, signingNotified, type SigningPorts } from '../membership/wechat-signing';
import { wechatAuditEvent, type PublicationPorts } from '../publishing/publication';
import { receiveNotification, type NotificationPorts, type VerifiedNotification } from './notifications';

/**
 * What a verified WeChat push asks of us besides a payment. WeChat gives a mini-program one push URL,
 * so 媒资管理's review decisions and the membership subscription's signing and charge results arrive
 * beside the payment notices; the adapter reads each into this shape (a malformed one is a 400).
 */
export type WechatPlatformEvent =
  | { kind: 'review'; dramaId: string; status: number }
  | { kind: 'signing'; openId: string; contractCode: string; status: 'signed' | 'terminated' }
  /** A charge result: a paid one comes again as a goods-delivery payment, so only failures act. */
  | { kind: 'charge'; failed: false }
  | { kind: 'charge'; failed: true; orderId: string; reason: string }
  /** A payment notice, or an event we do not act on: the payment path decides. */
  | { kind: 'payment' };

export interface WechatPushPorts extends NotificationPorts {
  signing: SigningPorts;
  publication: PublicationPorts;
  /** Why WeChat rejected a drama (its media list), for a rejection's record. */
  rejectionReasons: (dramaId: string) => Promise<string[]>;
}

/**
 * A verified WeChat push: payments settle once per (timestamp, nonce) (notifications.ts); a review
 * decision or a subscription result moves its own state idempotently. One naming something we have
 * not recorded yet (the push overtook our own write) is a 404, so WeChat pushes it again.
 */
export async function receiveWechatPush(push: VerifiedNotification & { event: WechatPlatformEvent }, ports: WechatPushPorts): Promise<void> {
  const e = push.event;
  switch (e.kind) {
    case 'review':
      if ((await wechatAuditEvent(e.dramaId, e.status, ports.rejectionReasons, ports.publication)) === 'unknown') throw new NotFound(`no publish job holds drama ${e.dramaId} (yet)`);
      return;
    case 'signing':
      if ((await signingNotified(userIdFor('wechat', e.openId), e.contractCode, e.status, ports.signing)) === 'unknown') throw new NotFound('no such signing');
      return;
    case 'charge':
      if (e.failed && (await chargeFailed(e.orderId, e.reason, ports.signing)) === 'unknown') throw new NotFound('no such charge');
      return;
    case 'payment':
      return receiveNotification(push, ports);
  }
}
