import { checkIn } from '../domain/habits/checkin';
import { json, route } from '../lib/http';
import { clock, wallets } from '../lib/ports';

export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await checkIn(caller.userId, { wallets, now: clock })));
