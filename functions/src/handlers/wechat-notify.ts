import { receiveWechatPush } from '../domain/orders/wechat-push';
import { json, route } from '../lib/http';
import { wechatAck, wechatNotification } from '../wiring/wechat-notification';
import { wechatPushPorts } from '../wiring/wechat-push-ports';

/**
 * WeChat's message push (PLATFORM.md §4), in safe mode only, verified and decrypted before anything
 * changes: goods delivery, coin payment and refund events each (timestamp, nonce) only once and only
 * for a WeChat order; review decisions and membership subscription results (domain/orders/wechat-push.ts).
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  await receiveWechatPush(wechatNotification(event), wechatPushPorts);
  return json(200, wechatAck);
});
