import { walletOf } from '../domain/wallet/wallet';
import { json, route } from '../lib/http';
import { clock, products, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required' }, async ({ caller }) =>
  json(200, await walletOf(caller.userId, { wallets, now: clock, products: () => products.get() }), { 'cache-control': 'no-store' }),
);
