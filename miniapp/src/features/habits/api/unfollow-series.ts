import { apiRequest } from '@/lib/api-client';
import { followStateSchema, type FollowState } from './follow-series';

/** DELETE /follows/{seriesId}: 取消追剧. */
export const unfollowSeries = (seriesId: string): Promise<FollowState> =>
  apiRequest(`/follows/${encodeURIComponent(seriesId)}`, { method: 'DELETE', schema: followStateSchema });
