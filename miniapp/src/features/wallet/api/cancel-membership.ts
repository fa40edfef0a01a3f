import { walletOutputSchema } from '@drama/shared/wallet';
import { apiRequest } from '@/lib/api-client';

/** `{membership}`: the wallet's own membership view, as the wallet schema defines it. */
const cancelMembershipOutputSchema = walletOutputSchema.pick({ membership: true });

/** POST /memberships/cancel: renewal stops; the period already paid for stays. */
export const cancelMembership = () =>
  apiRequest('/memberships/cancel', { method: 'POST', data: {}, schema: cancelMembershipOutputSchema });
