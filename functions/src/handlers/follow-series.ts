import { followParamsSchema } from '@drama/shared/habits';
import { setFollow } from '../domain/habits/follows';
import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';
import { catalog, clock } from '../wiring/ports';

/** POST follows the series, DELETE stops following it; repeating either changes nothing. */
export const handler = route({ auth: 'required', params: followParamsSchema }, async ({ caller, params, event }) =>
  json(200, await setFollow(caller.userId, params.seriesId, event.requestContext.http.method !== 'DELETE', { catalog, follows: habits, now: clock })),
);
