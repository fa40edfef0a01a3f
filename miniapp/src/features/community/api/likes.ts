import { likeOutputSchema, type LikeOutput } from '@drama/shared/comments';
import { apiRequest } from '@/lib/api-client';

const likePath = (seriesId: string, episode: number) => `/series/${encodeURIComponent(seriesId)}/episodes/${episode}/like`;

/** GET …/like: the episode's likes and whether this viewer is one of them. */
export const getLikes = (seriesId: string, episode: number): Promise<LikeOutput> => apiRequest(likePath(seriesId, episode), { schema: likeOutputSchema, auth: 'optional' });

/** PUT (like) or DELETE (take it back) …/like; either may be repeated safely. */
export const setLike = (seriesId: string, episode: number, liked: boolean): Promise<LikeOutput> =>
  apiRequest(likePath(seriesId, episode), { method: liked ? 'PUT' : 'DELETE', schema: likeOutputSchema });
