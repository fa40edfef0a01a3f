import { checkinStatus } from '../domain/habits/checkin';
import { json, route } from '../lib/http';
import { clock, wallets } from '../wiring/ports';

/** Today's state and the week strip for the check-in page. */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, checkinStatus(await wallets.get(caller.userId), clock()), { 'cache-control': 'no-store' }));
