import { ledgerOf } from '../domain/wallet/wallet';
import { json, route } from '../lib/http';
import { clock, wallets } from '../wiring/ports';

/** The caller's coin ledger, newest first (every change with its balances before and after), and this month's spend. */
export const handler = route({ auth: 'required' }, async ({ caller }) =>
  json(200, await ledgerOf(caller.userId, { wallets, now: clock }), { 'cache-control': 'no-store' }),
);
