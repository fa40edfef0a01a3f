import { checkinsOf } from '../domain/habits/checkin';
import { json, route } from '../lib/http';
import { clock, wallets } from '../wiring/ports';

/** Today's state and the week strip for the check-in page. */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await checkinsOf(caller.userId, { wallets, now: clock }), { 'cache-control': 'no-store' }));
