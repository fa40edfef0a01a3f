import { receivePlayletCallback } from '../domain/publishing/publication';
import { json, route } from '../lib/http';
import { douyinAck, douyinPlayletCallback } from '../wiring/douyin-playlet-callback';
import { publicationPorts } from '../wiring/publish-ports';

/**
 * Douyin's playlet library callbacks (upload_video, album_audit): only a verified callback for our
 * app moves a publish job (domain/publishing/publication.ts); a repeated one changes nothing and is acknowledged.
 */
export const handler = route({ auth: 'none' }, async ({ event }) => {
  await receivePlayletCallback(douyinPlayletCallback(event), publicationPorts);
  return json(200, douyinAck);
});
