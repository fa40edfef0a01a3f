import { followsOf } from '../domain/habits/follows';
import { json, route } from '../lib/http';
import { habits } from '../wiring/habit-ports';

/** The series the viewer follows, newest first. */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await followsOf(caller.userId, { follows: habits }), { 'cache-control': 'no-store' }));
