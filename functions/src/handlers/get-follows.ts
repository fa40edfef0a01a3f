import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';

export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, { items: await habits.follows(caller.userId) }, { 'cache-control': 'no-store' }));
