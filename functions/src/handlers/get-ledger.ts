import { json, route } from '../lib/http';
import { wallets } from '../lib/ports';

/** The caller's coin ledger, newest first: every change with its balances before and after. */
export const handler = route({ auth: 'required' }, async ({ caller }) => {
  const items = await wallets.ledger(caller.userId);
  return json(200, { items: items.sort((a, b) => b.at.localeCompare(a.at)) }, { 'cache-control': 'no-store' });
});
