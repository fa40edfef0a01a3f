import { receiveNotification } from '../domain/orders/notifications';
import { json, route } from '../lib/http';
import { douyinAck, douyinNotification } from '../wiring/douyin-notification';
import { notificationPorts } from '../wiring/notification-ports';

/**
 * Douyin's payment and refund callbacks (PLATFORM.md §2). Only a verified callback for our app, a
 * Douyin order and the right amount changes anything, and each (timestamp, nonce) only once.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  await receiveNotification(douyinNotification(event), notificationPorts);
  return json(200, douyinAck);
});
