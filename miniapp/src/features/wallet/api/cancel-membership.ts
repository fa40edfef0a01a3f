import { cancelMembershipOutputSchema, type CancelMembershipOutput } from '@drama/shared/wallet';
import { apiRequest } from '@/lib/api-client';

/** POST /memberships/cancel: renewal stops; the period already paid for stays. */
export const cancelMembership = (): Promise<CancelMembershipOutput> =>
  apiRequest('/memberships/cancel', { method: 'POST', data: {}, schema: cancelMembershipOutputSchema });
