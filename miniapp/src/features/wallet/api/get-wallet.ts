import { walletOutputSchema, type WalletOutput } from '@drama/shared/wallet';
import { apiRequest } from '@/lib/api-client';

/** GET /me/wallet: coins, bonus coins (and when the soonest expire), membership, series owned. */
export const getWallet = (): Promise<WalletOutput> => apiRequest('/me/wallet', { schema: walletOutputSchema });
