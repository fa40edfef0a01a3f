import { checkinOutputSchema, type CheckinOutput } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** POST /checkins: today's check-in (once a Shanghai day; a second one answers `already`). */
export const checkIn = (): Promise<CheckinOutput> => apiRequest('/checkins', { method: 'POST', data: {}, schema: checkinOutputSchema });
