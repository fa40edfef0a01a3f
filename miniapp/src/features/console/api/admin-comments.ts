import { adminCommentsOutputSchema, moderateCommentOutputSchema, type AdminComment, type ModerationAction } from '@drama/shared/comments';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

/** GET /admin/comments: the moderation queue, newest first. */
export const listHeldComments = async (): Promise<AdminComment[]> => (await adminRequest('/admin/comments', { schema: adminCommentsOutputSchema })).items;
export const useHeldComments = () => useAsync(listHeldComments, []);

/** POST /admin/comments/{id}: approve, remove, or ban the writer (and remove). */
export const moderateComment = async (commentId: string, action: ModerationAction): Promise<AdminComment> =>
  (await adminRequest(`/admin/comments/${encodeURIComponent(commentId)}`, { method: 'POST', data: { action }, schema: moderateCommentOutputSchema })).comment;
