import { walletView } from '../domain/wallet/wallet';
import { json, route } from '../lib/http';
import { clock, products, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required' }, async ({ caller }) =>
  json(200, walletView(await wallets.get(caller.userId), clock(), await products.get()), { 'cache-control': 'no-store' }),
);
