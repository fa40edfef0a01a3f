import { checkIn } from '../domain/habits/checkin';
import { json, route } from '../lib/http';
import { clock, events, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await checkIn(caller.userId, { wallets, events, now: clock })));
