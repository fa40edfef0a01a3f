import { createHmac } from 'node:crypto';
import type { SigningPlatform } from '../../domain/membership/wechat-signing';
import { config } from '../../lib/config';
import { dynamoUsers } from '../dynamodb-users';
import { dropToken, platformBase } from './access-tokens';
import { wechatAccessToken } from './wechat-access-token';
import { secretsFor } from '../../lib/secrets';

const payKeys = /* @__PURE__ */ secretsFor('WECHAT_APP_KEY', 'WECHAT_OFFER_ID');

/**
 * WeChat's membership subscription on the server (virtual payment's xpay APIs, with the access token
 * and `pay_sig = hex(HMAC-SHA256(AppKey, uri + "&" + body))` in the query, PLATFORM.md §4).
 * `send_subscribe_pre_payment` and its body are read from WeChat's docs; the charge's path
 * (`submit_subscribe_pay_order`) and body, and what `wx.requestSubscribeSign` takes (signData,
 * paySig over "requestSubscribeSign&" + signData, signature with the session key, as
 * wx.requestVirtualPayment has them) are our reading (unconfirmed, README "Going live").
 */
export const chargePath = '/xpay/submit_subscribe_pay_order';
export const noticePath = '/xpay/send_subscribe_pre_payment';

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

async function xpay(uri: string, body: Record<string, unknown>): Promise<{ errcode: number; errmsg: string }> {
  const raw = JSON.stringify(body);
  try {
    const token = await wechatAccessToken();
    const response = await fetch(`${platformBase('wechat')}${uri}?access_token=${encodeURIComponent(token)}&pay_sig=${hmac(payKeys().WECHAT_APP_KEY, `${uri}&${raw}`)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
      signal: AbortSignal.timeout(5000),
    });
    const reply = (await response.json()) as { errcode?: number; errmsg?: string };
    if (reply.errcode === 40001 || reply.errcode === 42001) dropToken('wechat');
    return { errcode: Number(reply.errcode ?? -1), errmsg: reply.errmsg ?? '' };
  } catch (error) {
    return { errcode: -1, errmsg: (error as Error).message };
  }
}

/** Errors retrying cannot fix: no signing any more, a price that does not match the notice. */
const permanent = new Set([690000000, 674690001]);

export function wechatSigning(): SigningPlatform {
  return {
    async signParams(signing, productId) {
      const c = config();
      const signData = JSON.stringify({ offerId: payKeys().WECHAT_OFFER_ID, productId, outContractCode: signing.contractCode, env: c.wechat.env, openId: signing.openId, currencyType: 'CNY', goodsPrice: signing.priceFen });
      const sessionKey = (await dynamoUsers.sessionKeyOf(signing.userId)) ?? '';
      return { signData, paySig: hmac(payKeys().WECHAT_APP_KEY, `requestSubscribeSign&${signData}`), signature: hmac(sessionKey, signData) };
    },
    async notify(signing, productId) {
      const reply = await xpay(noticePath, { openid: signing.openId, deduct_price: signing.priceFen, product_id: productId, out_contract_code: signing.contractCode, env: config().wechat.env });
      return reply.errcode === 0 ? { ok: true } : { ok: false, reason: `errcode ${reply.errcode} ${reply.errmsg}` };
    },
    async charge(signing, order, productId) {
      const reply = await xpay(chargePath, {
        openid: signing.openId,
        out_trade_no: order.orderId,
        out_contract_code: signing.contractCode,
        product_id: productId,
        deduct_price: order.amountFen,
        env: config().wechat.env,
      });
      return reply.errcode === 0 ? { ok: true } : { ok: false, reason: `errcode ${reply.errcode} ${reply.errmsg}`, permanent: permanent.has(reply.errcode) };
    },
  };
}
