import { douyinAck, verifyDouyinNotify } from '../adapters/platform/douyin-pay';
import { BadRequest, Forbidden, Unauthorized } from '../domain/errors';
import { confirmPayment, refundOrder } from '../domain/orders/settle';
import { config } from '../lib/config';
import { header, json, rawBody, route } from '../lib/http';
import { logger } from '../lib/logger';
import { clock, orders, settlePorts } from '../lib/ports';

/**
 * Douyin's payment and refund callbacks (PLATFORM.md §2). Only a verified callback for our app, a
 * known order and the right amount changes anything; a repeat changes nothing and is acknowledged.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  const c = config();
  const body = rawBody(event);
  const verdict = verifyDouyinNotify((name) => header(event, name), body, c.douyin.platformPublicKey, clock(), c.notifyWindowS);
  if (!verdict.ok) {
    logger.warn('douyin notification refused', { reason: verdict.reason, logId: header(event, 'byte-logid') });
    throw new Unauthorized(`notification refused: ${verdict.reason}`);
  }
  const { notify } = verdict;
  const appId = notify.msg.app_id;
  if (appId !== undefined && appId !== c.douyin.appId) throw new Forbidden('notification for another app');
  if (notify.type === 'payment') {
    const { msg } = notify;
    if (typeof msg.out_order_no !== 'string' || !Number.isInteger(msg.total_amount)) throw new BadRequest('payment message lacks out_order_no or total_amount');
    if (appId === undefined) throw new Forbidden('payment message lacks app_id');
    if (msg.status !== 'SUCCESS') {
      const order = await orders.get(msg.out_order_no);
      if (order?.status === 'pending') await orders.transition(msg.out_order_no, 'pending', 'failed', { failureReason: msg.status });
      return json(200, douyinAck);
    }
    await confirmPayment(msg.out_order_no, { amountFen: msg.total_amount, platformOrderId: msg.order_id }, settlePorts);
  } else {
    const { msg } = notify;
    if (msg.status !== 'SUCCESS') return json(200, douyinAck);
    const orderId = msg.out_order_no ?? msg.cp_extra;
    if (!orderId) throw new BadRequest('refund message names no order');
    await refundOrder(orderId, { amountFen: msg.refund_total_amount }, settlePorts);
  }
  return json(200, douyinAck);
});
