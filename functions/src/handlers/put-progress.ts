import { progressInputSchema } from '@drama/shared/habits';
import { dynamoHabits } from '../adapters/dynamodb-habits';
import { NotFound } from '../domain/errors';
import { json, route } from '../lib/http';
import { catalog, clock } from '../lib/ports';

/** The resume point; saves of the same episode within a few seconds are dropped (saved: false). */
export const handler = route({ auth: 'required', body: progressInputSchema }, async ({ caller, body }) => {
  const series = await catalog.getSeries(body.seriesId);
  if (!series || !series.episodes.some((e) => e.index === body.episode)) throw new NotFound(`no episode ${body.episode} of ${body.seriesId}`);
  const saved = await dynamoHabits.saveProgress(caller.userId, body, clock());
  return json(200, { saved });
});
