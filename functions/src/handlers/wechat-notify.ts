import { receiveNotification } from '../domain/orders/notifications';
import { json, route } from '../lib/http';
import { notificationPorts } from '../wiring/notification-ports';
import { wechatAck, wechatNotification } from '../wiring/wechat-notification';
import { wechatPlatformEvent } from '../wiring/wechat-platform-events';

/**
 * WeChat's message push (PLATFORM.md §4), in safe mode only, verified and decrypted before anything
 * changes: goods delivery, coin payment and refund events each (timestamp, nonce) only once and only
 * for a WeChat order; review decisions and membership subscription results (wechat-platform-events.ts).
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  const push = wechatNotification(event);
  // Review decisions and subscription results move their own state; payments settle once per (timestamp, nonce).
  if (!(await wechatPlatformEvent(push.event))) await receiveNotification(push, notificationPorts);
  return json(200, wechatAck);
});
