import { checkinStatusSchema, type CheckinStatus } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** GET /me/checkins: today, the streak, and this week's strip (Monday..Sunday, Asia/Shanghai). */
export const getCheckins = (): Promise<CheckinStatus> => apiRequest('/me/checkins', { schema: checkinStatusSchema });

export const useCheckins = () => useAsync(getCheckins, []);
