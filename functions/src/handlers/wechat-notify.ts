import { receiveNotification } from '../domain/orders/notifications';
import { json, route } from '../lib/http';
import { notificationPorts } from '../lib/notification-ports';
import { wechatAck, wechatNotification } from '../lib/wechat-notification';

/**
 * WeChat's message push for virtual payment (PLATFORM.md §4): goods delivery, coin payment and
 * refund events, in safe mode only, verified and decrypted before anything changes; each
 * (timestamp, nonce) only once, and only for a WeChat order.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  await receiveNotification(wechatNotification(event), notificationPorts);
  return json(200, wechatAck);
});
