import { randomUUID } from 'node:crypto';
import { NotFound } from '../domain/errors';
import { stopRenewal } from '../domain/membership/renew';
import { walletView } from '../domain/wallet/wallet';
import { json, route } from '../lib/http';
import { clock, products, wallets } from '../wiring/ports';

/** Stops auto-renewal; the paid period stays. */
export const handler = route({ auth: 'required' }, async ({ caller }) => {
  const current = await wallets.get(caller.userId);
  if (!current.membership || Date.parse(current.membership.expiresAt) <= clock().getTime()) throw new NotFound('no active membership');
  const { wallet } = await stopRenewal(caller.userId, `cancel:${randomUUID()}`, wallets);
  return json(200, { membership: walletView(wallet, clock(), await products.get()).membership });
});
