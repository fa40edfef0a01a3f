import { followStateSchema, type FollowState } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** DELETE /follows/{seriesId}: 取消追剧. */
export const unfollowSeries = (seriesId: string): Promise<FollowState> =>
  apiRequest(`/follows/${encodeURIComponent(seriesId)}`, { method: 'DELETE', schema: followStateSchema });
