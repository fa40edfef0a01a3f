import { platformSkuOf } from '@drama/shared/orders';
import type { Platform } from '@drama/shared/auth';
import type { PayParamsBuilder } from '../../domain/orders/create-order';
import { config } from '../../lib/config';
import { s3Media } from '../s3-media';
import { dynamoUsers } from '../dynamodb-users';
import { byteAuthorization, requestOrderData } from './douyin-pay';
import { virtualPaymentParams } from './wechat-pay';

/** The page the platform's order entry opens (Douyin orderEntrySchema). */
const orderEntryPath = 'packages/pay/pages/order/index';

const douyin: PayParamsBuilder = {
  async build(order, coverKey) {
    const c = config();
    const data = requestOrderData({
      outOrderNo: order.orderId,
      totalAmountFen: order.amountFen,
      skuId: platformSkuOf(order.product),
      title: order.title,
      imageUrl: s3Media.coverUrl(coverKey ?? 'covers/vip.jpg'),
      payNotifyUrl: `${c.apiPublicUrl}/pay/douyin/notify`,
      merchantUid: c.douyin.merchantUid,
      entryPath: orderEntryPath,
    });
    return {
      provider: 'douyin',
      data,
      byteAuthorization: byteAuthorization({ data, appId: c.douyin.appId, keyVersion: c.douyin.keyVersion, appPrivateKey: c.douyin.appPrivateKey, now: new Date() }),
    };
  },
};

const wechat: PayParamsBuilder = {
  async build(order) {
    const c = config();
    const sessionKey = await dynamoUsers.sessionKeyOf(order.userId);
    const params = virtualPaymentParams({
      offerId: c.wechat.offerId,
      env: c.wechat.env,
      productId: platformSkuOf(order.product),
      goodsPriceFen: order.amountFen,
      outTradeNo: order.orderId,
      attach: order.userId,
      appKey: c.wechat.appKey,
      sessionKey: sessionKey ?? '',
      mode: order.product.kind === 'coins' ? 'short_series_coin' : 'short_series_goods',
    });
    return { provider: 'wechat', ...params };
  },
};

/** The H5 sandbox pays like Douyin: same signed parameters, handed to the sandbox cashier. */
export function payParamsFor(platform: Platform): PayParamsBuilder {
  return platform === 'wechat' ? wechat : douyin;
}
