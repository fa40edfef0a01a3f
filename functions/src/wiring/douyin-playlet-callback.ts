import { douyinAck } from '../adapters/platform/douyin-pay';
import { verifyPlayletCallback } from '../adapters/platform/douyin-playlet-callbacks';
import { Forbidden, Unauthorized } from '../domain/errors';
import type { PlayletEvent } from '../domain/publishing/publication';
import { config } from '../lib/config';
import { header, rawBody, type Event } from '../lib/http';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { clock } from './ports';

const keys = /* @__PURE__ */ secretsFor('DOUYIN_PLATFORM_PUBLIC_KEY', 'DOUYIN_APP_ID');

/**
 * A playlet library callback, verified (401) and for our app (403), read into the event it carries:
 * a publish job's move, a malformed body, or a type we do not handle.
 */
export function douyinPlayletCallback(event: Event): PlayletEvent | { kind: 'malformed'; reason: string } | { kind: 'ignored'; type: string } {
  const { DOUYIN_PLATFORM_PUBLIC_KEY, DOUYIN_APP_ID } = keys();
  const verdict = verifyPlayletCallback((name) => header(event, name), rawBody(event), DOUYIN_PLATFORM_PUBLIC_KEY, clock(), config().notifyWindowS);
  if (!verdict.ok) {
    logger.warn('playlet callback refused', { reason: verdict.reason, logId: header(event, 'byte-logid') });
    throw new Unauthorized(`callback refused: ${verdict.reason}`);
  }
  if (verdict.appId !== undefined && verdict.appId !== DOUYIN_APP_ID) throw new Forbidden('callback for another app');
  return verdict.event;
}

export { douyinAck };
