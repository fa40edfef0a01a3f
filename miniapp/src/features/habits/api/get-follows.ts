import { followsOutputSchema, type FollowsOutput } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** GET /me/follows: the series the user follows (追剧). */
export const getFollows = (): Promise<FollowsOutput> => apiRequest('/me/follows', { schema: followsOutputSchema });
