import { progressInputSchema } from '@drama/shared/habits';
import { dynamoHabits } from '../adapters/dynamodb-habits';
import { saveProgress } from '../domain/habits/progress';
import { json, route } from '../lib/http';
import { catalog, clock, events } from '../lib/ports';

/** The resume point; saves of the same episode within a few seconds are dropped (saved: false). */
export const handler = route({ auth: 'required', body: progressInputSchema }, async ({ caller, body }) =>
  json(200, await saveProgress(caller.userId, body, { catalog, progress: dynamoHabits, events, now: clock })),
);
