import { dynamoNotificationReplays } from '../adapters/dynamodb-notification-replays';
import type { NotificationPorts } from '../domain/orders/notifications';
import { config } from '../lib/config';
import { settlePorts } from './attribution-ports';

/** What a verified payment notification needs: settlement, the record of accepted (timestamp, nonce) pairs, the window. */
export const notificationPorts: NotificationPorts = {
  ...settlePorts,
  replays: dynamoNotificationReplays,
  get windowS() {
    return config().notifyWindowS;
  },
};
