import type { WechatPushPorts } from '../domain/orders/wechat-push';
import { notificationPorts } from './notification-ports';
import { publicationPorts } from './publish-ports';
import { signingPorts } from './signing-ports';
import { mediaAssets } from './wechat-media-ports';

/** WeChat's one push URL: payments (settlement, replays), review decisions (publish jobs, media reasons), subscription results (signings). */
export const wechatPushPorts: WechatPushPorts = {
  ...notificationPorts,
  signing: signingPorts,
  publication: publicationPorts,
  rejectionReasons: (dramaId) => mediaAssets.rejectionReasons(dramaId),
};
