import { adTicketSchema, adUnlockStatusSchema, type AdTicket, type AdUnlockStatus, type CreateAdUnlockInput } from '@drama/shared/ads';
import { apiRequest } from '@/lib/api-client';

/** POST /ads/unlocks: a one-time ticket to unlock this episode by watching an ad (429 RATE_LIMITED past the daily cap). */
export const createAdUnlock = (input: CreateAdUnlockInput): Promise<AdTicket> => apiRequest('/ads/unlocks', { method: 'POST', data: input, schema: adTicketSchema });

/** POST /ads/unlocks/{ticketId}/complete: the ad ended; `pending` until the ad network's callback has reached the API. */
export const completeAdUnlock = (ticketId: string): Promise<AdUnlockStatus> =>
  apiRequest(`/ads/unlocks/${encodeURIComponent(ticketId)}/complete`, { method: 'POST', data: {}, schema: adUnlockStatusSchema });
