import { verifyWechatPush, wechatAck } from '../adapters/platform/wechat-pay';
import { BadRequest, NotFound, Unauthorized } from '../domain/errors';
import { confirmPayment, refundOrder } from '../domain/orders/settle';
import { wechatAuditEvent } from '../domain/publishing/publication';
import { userIdFor } from '../domain/auth/login';
import { chargeFailed, signingNotified } from '../domain/membership/wechat-signing';
import { signingPorts } from '../lib/signing-ports';
import { config } from '../lib/config';
import { json, rawBody, route } from '../lib/http';
import { logger } from '../lib/logger';
import { clock, settlePorts } from '../lib/ports';
import { mediaAssets, publicationPorts } from '../lib/publish-ports';

/**
 * WeChat's message push for virtual payment (PLATFORM.md §4): goods delivery, coin payment and
 * refund events, verified (and decrypted in safe mode) before anything changes.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  const c = config();
  const verdict = verifyWechatPush({
    query: event.queryStringParameters ?? {},
    rawBody: rawBody(event),
    token: c.wechat.token,
    encodingAESKey: c.wechat.encodingAESKey,
    appId: c.wechat.appId,
    now: clock(),
    windowS: c.notifyWindowS,
  });
  if (!verdict.ok) {
    logger.warn('wechat push refused', { reason: verdict.reason });
    throw new Unauthorized(`push refused: ${verdict.reason}`);
  }
  const e = verdict.event;
  switch (e.Event) {
    case 'xpay_goods_deliver_notify':
    case 'xpay_coin_pay_notify': {
      const info = e.Event === 'xpay_coin_pay_notify' ? e.CoinInfo : e.GoodsInfo;
      const amount = info?.ActualPrice;
      if (!e.OutTradeNo || !Number.isInteger(amount)) throw new BadRequest('event lacks OutTradeNo or ActualPrice');
      await confirmPayment(e.OutTradeNo, { amountFen: amount as number, platformOrderId: e.WeChatPayInfo?.TransactionId ?? '' }, settlePorts);
      break;
    }
    case 'xpay_refund_notify':
      if (e.RetCode !== 0) break;
      if (!e.MchOrderId || !Number.isInteger(e.RefundFee)) throw new BadRequest('refund event lacks MchOrderId or RefundFee');
      await refundOrder(e.MchOrderId, { amountFen: e.RefundFee as number }, settlePorts);
      break;
    // 媒资管理's review decision (one push URL per mini-program carries every event).
    case 'secvod_audit_event': {
      const audit = e.audit_event as { drama_id?: unknown; audit_detail?: { status?: unknown } } | undefined;
      const dramaId = audit?.drama_id;
      const status = Number(audit?.audit_detail?.status);
      if ((typeof dramaId !== 'number' && typeof dramaId !== 'string') || !Number.isInteger(status)) throw new BadRequest('secvod_audit_event lacks drama_id or audit_detail.status');
      // Unknown (yet): the push overtook the write recording auditdrama's answer; WeChat pushes it again.
      if ((await wechatAuditEvent(String(dramaId), status, (id) => mediaAssets.rejectionReasons(id), publicationPorts)) === 'unknown') throw new NotFound(`no publish job holds drama ${String(dramaId)} (yet)`);
      break;
    }
    // Membership subscription: signed or terminated (SignStatus 1, 2), and a charge that failed.
    case 'xpay_subscribe_signing_result_notify': {
      const status = e.SignStatus === 1 ? 'signed' : e.SignStatus === 2 ? 'terminated' : undefined;
      if (typeof e.OpenId !== 'string' || typeof e.OutContractCode !== 'string' || !status) throw new BadRequest('signing result lacks OpenId, OutContractCode or SignStatus');
      if ((await signingNotified(userIdFor('wechat', e.OpenId), e.OutContractCode, status, signingPorts)) === 'unknown') throw new NotFound('no such signing');
      break;
    }
    case 'xpay_subscribe_pay_result_notify':
      // A paid charge comes as xpay_goods_deliver_notify; this one brings failures.
      if (e.RetCode === 0) break;
      if (typeof e.OutTradeNo !== 'string') throw new BadRequest('charge result lacks OutTradeNo');
      if ((await chargeFailed(e.OutTradeNo, String(e.RetMsg ?? `RetCode ${String(e.RetCode)}`), signingPorts)) === 'unknown') throw new NotFound('no such charge');
      break;
    default:
      logger.info('wechat push ignored', { event: e.Event });
  }
  return json(200, wechatAck);
});
