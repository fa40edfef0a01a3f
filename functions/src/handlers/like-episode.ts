import { episodeParamsSchema } from '@drama/shared/comments';
import { setLike } from '../domain/comments/likes';
import { json, route } from '../lib/http';
import { likePorts } from '../wiring/community-ports';

/** PUT likes the episode, DELETE takes the like back; repeating either changes nothing. */
export const handler = route({ auth: 'required', params: episodeParamsSchema }, async ({ caller, params, event }) =>
  json(200, await setLike(caller.userId, params, event.requestContext.http.method !== 'DELETE', likePorts)),
);
