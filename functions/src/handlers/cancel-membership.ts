import { cancelMembership } from '../domain/membership/cancel';
import { json, route } from '../lib/http';
import { clock, products, wallets } from '../wiring/ports';

/** Stops auto-renewal; the paid period stays. */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await cancelMembership(caller.userId, { wallets, now: clock, products: () => products.get() })));
