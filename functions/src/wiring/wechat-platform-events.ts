import { userIdFor } from '@drama/shared/user-id';
import type { WechatEvent } from '../adapters/platform/wechat-pay';
import { BadRequest, NotFound } from '../domain/errors';
import { chargeFailed, signingNotified } from '../domain/membership/wechat-signing';
import { wechatAuditEvent } from '../domain/publishing/publication';
import { publicationPorts } from './publish-ports';
import { signingPorts } from './signing-ports';
import { mediaAssets } from './wechat-media-ports';

/**
 * The pushes of WeChat's that are not payments, on the same verified push URL (one per
 * mini-program): 媒资管理's review decisions and the membership subscription's signing and charge
 * results. Each moves its state idempotently; an event we do not know yet (the push overtook our
 * own write) answers 404 so that WeChat pushes it again. Returns false for every other event.
 */
export async function wechatPlatformEvent(e: WechatEvent): Promise<boolean> {
  switch (e.Event) {
    case 'secvod_audit_event': {
      const audit = e.audit_event as { drama_id?: unknown; audit_detail?: { status?: unknown } } | undefined;
      const dramaId = audit?.drama_id;
      const status = Number(audit?.audit_detail?.status);
      if ((typeof dramaId !== 'number' && typeof dramaId !== 'string') || !Number.isInteger(status)) throw new BadRequest('secvod_audit_event lacks drama_id or audit_detail.status');
      if ((await wechatAuditEvent(String(dramaId), status, (id) => mediaAssets.rejectionReasons(id), publicationPorts)) === 'unknown') throw new NotFound(`no publish job holds drama ${String(dramaId)} (yet)`);
      return true;
    }
    // Membership subscription: signed or terminated (SignStatus 1, 2), and a charge that failed.
    case 'xpay_subscribe_signing_result_notify': {
      const status = e.SignStatus === 1 ? 'signed' : e.SignStatus === 2 ? 'terminated' : undefined;
      if (typeof e.OpenId !== 'string' || typeof e.OutContractCode !== 'string' || !status) throw new BadRequest('signing result lacks OpenId, OutContractCode or SignStatus');
      if ((await signingNotified(userIdFor('wechat', e.OpenId), e.OutContractCode, status, signingPorts)) === 'unknown') throw new NotFound('no such signing');
      return true;
    }
    case 'xpay_subscribe_pay_result_notify':
      // A paid charge comes as xpay_goods_deliver_notify (a payment); this one brings failures.
      if (e.RetCode === 0) return true;
      if (typeof e.OutTradeNo !== 'string') throw new BadRequest('charge result lacks OutTradeNo');
      if ((await chargeFailed(e.OutTradeNo, String(e.RetMsg ?? `RetCode ${String(e.RetCode)}`), signingPorts)) === 'unknown') throw new NotFound('no such charge');
      return true;
    default:
      return false;
  }
}
