import { douyinAck, douyinNotice, verifyDouyinNotify } from '../adapters/platform/douyin-pay';
import { Unauthorized } from '../domain/errors';
import type { VerifiedNotification } from '../domain/orders/notifications';
import { config } from '../lib/config';
import { header, rawBody, type Event } from '../lib/http';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { clock } from './ports';

const keys = /* @__PURE__ */ secretsFor('DOUYIN_PLATFORM_PUBLIC_KEY', 'DOUYIN_APP_ID');

/** A Douyin payment or refund callback, verified and read (401 when it does not verify). */
export function douyinNotification(event: Event): VerifiedNotification {
  const { DOUYIN_PLATFORM_PUBLIC_KEY, DOUYIN_APP_ID } = keys();
  const verdict = verifyDouyinNotify((name) => header(event, name), rawBody(event), DOUYIN_PLATFORM_PUBLIC_KEY, clock(), config().notifyWindowS);
  if (!verdict.ok) {
    logger.warn('douyin notification refused', { reason: verdict.reason, logId: header(event, 'byte-logid') });
    throw new Unauthorized(`notification refused: ${verdict.reason}`);
  }
  return { by: 'douyin', timestamp: verdict.timestamp, nonce: verdict.nonce, notice: douyinNotice(verdict.notify, DOUYIN_APP_ID) };
}

export { douyinAck };
