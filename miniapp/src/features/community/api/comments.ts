import { listCommentsOutputSchema, postCommentOutputSchema, reportOutputSchema, type ListCommentsOutput, type PostCommentInput, type PostCommentOutput } from '@drama/shared/comments';
import { apiRequest } from '@/lib/api-client';

const commentsPath = (seriesId: string, episode: number) => `/series/${encodeURIComponent(seriesId)}/episodes/${episode}/comments`;

/** GET …/comments: the episode's approved comments, newest first. */
export const listComments = (seriesId: string, episode: number): Promise<ListCommentsOutput> => apiRequest(commentsPath(seriesId, episode), { schema: listCommentsOutputSchema, auth: 'none' });

/** POST …/comments: `approved` (shown now) or `held` (an operator looks first); 400 CONTENT_REFUSED, 429 RATE_LIMITED. */
export const postComment = (seriesId: string, episode: number, input: PostCommentInput): Promise<PostCommentOutput> =>
  apiRequest(commentsPath(seriesId, episode), { method: 'POST', data: input, schema: postCommentOutputSchema });

/** POST /comments/{id}/reports: 举报, once per viewer. */
export const reportComment = (commentId: string): Promise<{ reported: boolean }> =>
  apiRequest(`/comments/${encodeURIComponent(commentId)}/reports`, { method: 'POST', schema: reportOutputSchema });
