import { apiRequest } from '@/lib/api-client';
import { guardSchema, isRecord } from '@/lib/guard-schema';

/** `{seriesId, following}`: the shared contract has no schema for this answer yet. */
export interface FollowState {
  seriesId: string;
  following: boolean;
}
export const followStateSchema = guardSchema(
  'a follow state',
  (v): v is FollowState => isRecord(v) && typeof v.seriesId === 'string' && typeof v.following === 'boolean',
);

/** POST /follows/{seriesId}: 追剧. */
export const followSeries = (seriesId: string): Promise<FollowState> =>
  apiRequest(`/follows/${encodeURIComponent(seriesId)}`, { method: 'POST', schema: followStateSchema });
