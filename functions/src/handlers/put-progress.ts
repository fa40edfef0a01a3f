import { progressInputSchema } from '@drama/shared/habits';
import { saveProgress } from '../domain/habits/progress';
import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';
import { catalog, clock, events } from '../wiring/ports';

/** The resume point; saves of the same episode within a few seconds are dropped (saved: false). */
export const handler = route({ auth: 'required', body: progressInputSchema }, async ({ caller, body }) =>
  json(200, await saveProgress(caller.userId, body, { catalog, progress: habits, events, now: clock })),
);
