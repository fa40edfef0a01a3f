import { platformSkuOf } from '@drama/shared/orders';
import type { Platform } from '@drama/shared/auth';
import type { PayParamsBuilder } from '../../domain/orders/create-order';
import { payProviderOf } from '../../domain/orders/order';
import { config } from '../../lib/config';
import { secretsFor } from '../../lib/secrets';
import { s3Media } from '../s3-media';
import { dynamoUsers } from '../dynamodb-users';
import { byteAuthorization, requestOrderData } from './douyin-pay';
import { virtualPaymentParams } from './wechat-pay';

/** The page the platform's order entry opens (Douyin orderEntrySchema). */
const orderEntryPath = 'packages/pay/pages/order/index';

const douyinPay = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_MERCHANT_UID', 'DOUYIN_APP_PRIVATE_KEY');
const wechatPay = /* @__PURE__ */ secretsFor('WECHAT_APP_KEY', 'WECHAT_OFFER_ID');

const douyin: PayParamsBuilder = {
  async build(order, coverKey) {
    const c = config();
    const keys = douyinPay();
    const data = requestOrderData({
      outOrderNo: order.orderId,
      totalAmountFen: order.amountFen,
      skuId: platformSkuOf(order.product),
      title: order.title,
      imageUrl: s3Media.coverUrl(coverKey ?? 'covers/vip.jpg'),
      payNotifyUrl: `${c.apiPublicUrl}/pay/douyin/notify`,
      merchantUid: keys.DOUYIN_MERCHANT_UID,
      entryPath: orderEntryPath,
    });
    return {
      provider: 'douyin',
      data,
      byteAuthorization: byteAuthorization({ data, appId: keys.DOUYIN_APP_ID, keyVersion: c.douyin.keyVersion, appPrivateKey: keys.DOUYIN_APP_PRIVATE_KEY, now: new Date() }),
    };
  },
};

const wechat: PayParamsBuilder = {
  async build(order) {
    const c = config();
    const keys = wechatPay();
    const sessionKey = await dynamoUsers.sessionKeyOf(order.userId);
    const params = virtualPaymentParams({
      offerId: keys.WECHAT_OFFER_ID,
      env: c.wechat.env,
      productId: platformSkuOf(order.product),
      goodsPriceFen: order.amountFen,
      outTradeNo: order.orderId,
      attach: order.userId,
      appKey: keys.WECHAT_APP_KEY,
      sessionKey: sessionKey ?? '',
      mode: order.product.kind === 'coins' ? 'short_series_coin' : 'short_series_goods',
    });
    return { provider: 'wechat', ...params };
  },
};

/** The H5 sandbox pays like Douyin: same signed parameters, handed to the sandbox cashier. */
export function payParamsFor(platform: Platform): PayParamsBuilder {
  return payProviderOf(platform) === 'wechat' ? wechat : douyin;
}
