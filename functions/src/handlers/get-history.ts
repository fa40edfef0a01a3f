import { historyOf } from '../domain/habits/progress';
import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';

/** Watch history, most recent first: the feed's "continue watching". */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await historyOf(caller.userId, { history: habits }), { 'cache-control': 'no-store' }));
