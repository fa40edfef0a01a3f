import { playlistParamsSchema, playlistQuerySchema } from '@drama/shared/forensics';
import { servePlaylist } from '../domain/playback/playlist';
import { parseQuery, route } from '../lib/http';
import { playlistPorts } from '../wiring/forensics-ports';

/** A viewer's playlist of marked segments, from the signed URL POST /play handed out. */
export const handler = route({ auth: 'none', params: playlistParamsSchema }, async ({ params, event }) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'private, no-store', 'access-control-allow-origin': '*' },
  body: await servePlaylist({ ...params, ...parseQuery(playlistQuerySchema, event) }, playlistPorts()),
}));
