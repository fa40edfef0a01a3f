import { douyinAck } from '../adapters/platform/douyin-pay';
import { verifyPlayletCallback } from '../adapters/platform/douyin-playlet-callbacks';
import { BadRequest, Forbidden, NotFound, Unauthorized } from '../domain/errors';
import { applyPlayletEvent } from '../domain/publishing/publication';
import { config } from '../lib/config';
import { header, json, rawBody, route } from '../lib/http';
import { logger } from '../lib/logger';
import { clock } from '../lib/ports';
import { publicationPorts } from '../lib/publish-ports';
import { secretsFor } from '../lib/secrets';

const keys = secretsFor('DOUYIN_PLATFORM_PUBLIC_KEY', 'DOUYIN_APP_ID');

/**
 * Douyin's playlet library callbacks (upload_video, album_audit): only a verified callback for our
 * app moves a publish job; a repeated one changes nothing and is acknowledged. One naming a video or
 * album no job holds yet gets 404, so the platform retries it: a callback can overtake the write
 * that records what the upload call returned.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  const { DOUYIN_PLATFORM_PUBLIC_KEY, DOUYIN_APP_ID } = keys();
  const verdict = verifyPlayletCallback((name) => header(event, name), rawBody(event), DOUYIN_PLATFORM_PUBLIC_KEY, clock(), config().notifyWindowS);
  if (!verdict.ok) {
    logger.warn('playlet callback refused', { reason: verdict.reason, logId: header(event, 'byte-logid') });
    throw new Unauthorized(`callback refused: ${verdict.reason}`);
  }
  if (verdict.appId !== undefined && verdict.appId !== DOUYIN_APP_ID) throw new Forbidden('callback for another app');
  if (verdict.event.kind === 'malformed') throw new BadRequest(verdict.event.reason);
  if (verdict.event.kind === 'ignored') {
    logger.info('playlet callback ignored', { type: verdict.event.type });
    return json(200, douyinAck);
  }
  if ((await applyPlayletEvent(verdict.event, publicationPorts)) === 'unknown') throw new NotFound('no publish job holds this video or album (yet)');
  return json(200, douyinAck);
});
