import { followStateSchema, type FollowState } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** POST /follows/{seriesId}: 追剧. */
export const followSeries = (seriesId: string): Promise<FollowState> =>
  apiRequest(`/follows/${encodeURIComponent(seriesId)}`, { method: 'POST', schema: followStateSchema });
