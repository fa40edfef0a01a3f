import { episodeParamsSchema } from '@drama/shared/comments';
import { listComments } from '../domain/comments/comments';
import { json, route } from '../lib/http';
import { commentPorts } from '../wiring/comment-ports';

/** The episode's approved comments, newest first (timed ones fly over the video as 弹幕). */
export const handler = route({ auth: 'none', params: episodeParamsSchema }, async ({ params }) =>
  json(200, await listComments(params, commentPorts), { 'cache-control': 'no-store' }),
);
