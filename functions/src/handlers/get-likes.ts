import { episodeParamsSchema } from '@drama/shared/comments';
import { getLikes } from '../domain/comments/likes';
import { json, route } from '../lib/http';
import { likePorts } from '../wiring/community-ports';

/** The episode's likes, and whether the caller (if signed in) is one of them. */
export const handler = route({ auth: 'optional', params: episodeParamsSchema }, async ({ caller, params }) =>
  json(200, await getLikes(caller?.userId, params, likePorts), { 'cache-control': 'no-store' }),
);
