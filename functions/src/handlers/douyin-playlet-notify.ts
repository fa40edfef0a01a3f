import { BadRequest, NotFound } from '../domain/errors';
import { applyPlayletEvent } from '../domain/publishing/publication';
import { json, route } from '../lib/http';
import { logger } from '../lib/logger';
import { douyinAck, douyinPlayletCallback } from '../wiring/douyin-playlet-callback';
import { publicationPorts } from '../wiring/publish-ports';

/**
 * Douyin's playlet library callbacks (upload_video, album_audit): only a verified callback for our
 * app moves a publish job; a repeated one changes nothing and is acknowledged. One naming a video or
 * album no job holds yet gets 404, so the platform retries it: a callback can overtake the write
 * that records what the upload call returned.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  const callback = douyinPlayletCallback(event);
  if (callback.kind === 'malformed') throw new BadRequest(callback.reason);
  if (callback.kind === 'ignored') {
    logger.info('playlet callback ignored', { type: callback.type });
    return json(200, douyinAck);
  }
  if ((await applyPlayletEvent(callback, publicationPorts)) === 'unknown') throw new NotFound('no publish job holds this video or album (yet)');
  return json(200, douyinAck);
});
