import { verifyWechatPush, wechatAck, wechatNotice, type WechatEvent } from '../adapters/platform/wechat-pay';
import { BadRequest, Unauthorized } from '../domain/errors';
import type { VerifiedNotification } from '../domain/orders/notifications';
import type { WechatPlatformEvent } from '../domain/orders/wechat-push';
import { config } from '../lib/config';
import { rawBody, type Event } from '../lib/http';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { clock } from './ports';

const keys = /* @__PURE__ */ secretsFor('WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY', 'WECHAT_APP_ID');

/**
 * A WeChat push (safe mode only), verified, decrypted and read (401 when it does not verify): the
 * payment notice it carries (ignored for other events) and what it asks besides a payment.
 */
export function wechatNotification(event: Event): VerifiedNotification & { event: WechatPlatformEvent } {
  const { WECHAT_TOKEN, WECHAT_ENCODING_AES_KEY, WECHAT_APP_ID } = keys();
  const verdict = verifyWechatPush({
    query: event.queryStringParameters ?? {},
    rawBody: rawBody(event),
    token: WECHAT_TOKEN,
    encodingAESKey: WECHAT_ENCODING_AES_KEY,
    appId: WECHAT_APP_ID,
    now: clock(),
    windowS: config().notifyWindowS,
  });
  if (!verdict.ok) {
    logger.warn('wechat push refused', { reason: verdict.reason });
    throw new Unauthorized(`push refused: ${verdict.reason}`);
  }
  return { by: 'wechat', timestamp: verdict.timestamp, nonce: verdict.nonce, notice: wechatNotice(verdict.event), event: platformEventOf(verdict.event) };
}

/** The review decisions and membership subscription results on the same push URL (400 when one lacks its fields). */
function platformEventOf(e: WechatEvent): WechatPlatformEvent {
  switch (e.Event) {
    case 'secvod_audit_event': {
      const audit = e.audit_event as { drama_id?: unknown; audit_detail?: { status?: unknown } } | undefined;
      const dramaId = audit?.drama_id;
      const status = Number(audit?.audit_detail?.status);
      if ((typeof dramaId !== 'number' && typeof dramaId !== 'string') || !Number.isInteger(status)) throw new BadRequest('secvod_audit_event lacks drama_id or audit_detail.status');
      return { kind: 'review', dramaId: String(dramaId), status };
    }
    // Membership subscription: signed or terminated (SignStatus 1, 2), and a charge that failed.
    case 'xpay_subscribe_signing_result_notify': {
      const status = e.SignStatus === 1 ? 'signed' : e.SignStatus === 2 ? 'terminated' : undefined;
      if (typeof e.OpenId !== 'string' || typeof e.OutContractCode !== 'string' || !status) throw new BadRequest('signing result lacks OpenId, OutContractCode or SignStatus');
      return { kind: 'signing', openId: e.OpenId, contractCode: e.OutContractCode, status };
    }
    case 'xpay_subscribe_pay_result_notify':
      if (e.RetCode === 0) return { kind: 'charge', failed: false };
      if (typeof e.OutTradeNo !== 'string') throw new BadRequest('charge result lacks OutTradeNo');
      return { kind: 'charge', failed: true, orderId: e.OutTradeNo, reason: String(e.RetMsg ?? `RetCode ${String(e.RetCode)}`) };
    default:
      return { kind: 'payment' };
  }
}

export { wechatAck };
