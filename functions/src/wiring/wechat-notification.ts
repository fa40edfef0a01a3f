import { verifyWechatPush, wechatAck, wechatNotice, type WechatEvent } from '../adapters/platform/wechat-pay';
import { Unauthorized } from '../domain/errors';
import type { VerifiedNotification } from '../domain/orders/notifications';
import { config } from '../lib/config';
import { rawBody, type Event } from '../lib/http';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { clock } from './ports';

const keys = /* @__PURE__ */ secretsFor('WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY', 'WECHAT_APP_ID');

/**
 * A WeChat push (safe mode only), verified, decrypted and read (401 when it does not verify): the
 * payment notice it carries (ignored for other events) and the event itself.
 */
export function wechatNotification(event: Event): VerifiedNotification & { event: WechatEvent } {
  const { WECHAT_TOKEN, WECHAT_ENCODING_AES_KEY, WECHAT_APP_ID } = keys();
  const verdict = verifyWechatPush({
    query: event.queryStringParameters ?? {},
    rawBody: rawBody(event),
    token: WECHAT_TOKEN,
    encodingAESKey: WECHAT_ENCODING_AES_KEY,
    appId: WECHAT_APP_ID,
    now: clock(),
    windowS: config().notifyWindowS,
  });
  if (!verdict.ok) {
    logger.warn('wechat push refused', { reason: verdict.reason });
    throw new Unauthorized(`push refused: ${verdict.reason}`);
  }
  return { by: 'wechat', timestamp: verdict.timestamp, nonce: verdict.nonce, notice: wechatNotice(verdict.event), event: verdict.event };
}

export { wechatAck };
