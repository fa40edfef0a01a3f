import { randomUUID } from 'node:crypto';
import { isMembershipActive } from '@drama/shared/membership';
import type { ProductCatalog } from '@drama/shared/products';
import type { WalletOutput } from '@drama/shared/wallet';
import { NotFound } from '../errors';
import { walletView, type WalletStore } from '../wallet/wallet';
import { stopRenewal } from './renew';

export interface CancelPorts {
  wallets: WalletStore;
  now: () => Date;
  /** The membership prices on sale, for the view's next-charge line (none is shown once cancelled). */
  products?: () => Promise<ProductCatalog>;
}

/** POST /memberships/cancel: stops auto-renewal of an active membership; the paid period stays. */
export async function cancelMembership(userId: string, ports: CancelPorts): Promise<{ membership: WalletOutput['membership'] }> {
  const current = await ports.wallets.get(userId);
  if (!isMembershipActive(current.membership, ports.now())) throw new NotFound('no active membership');
  const { wallet } = await stopRenewal(userId, `cancel:${randomUUID()}`, ports.wallets);
  return { membership: walletView(wallet, ports.now(), ports.products && (await ports.products())).membership };
}
