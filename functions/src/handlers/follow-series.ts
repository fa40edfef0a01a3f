import { followParamsSchema } from '@drama/shared/habits';
import { NotFound } from '../domain/errors';
import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';
import { catalog, clock } from '../wiring/ports';

export const handler = route({ auth: 'required', params: followParamsSchema }, async ({ caller, params, event }) => {
  if (event.requestContext.http.method === 'DELETE') {
    await habits.unfollow(caller.userId, params.seriesId);
    return json(200, { seriesId: params.seriesId, following: false });
  }
  const series = await catalog.getSeries(params.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${params.seriesId}`);
  await habits.follow(caller.userId, params.seriesId, clock());
  return json(200, { seriesId: params.seriesId, following: true });
});
