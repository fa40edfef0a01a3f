import { commentParamsSchema, moderateCommentInputSchema } from '@drama/shared/comments';
import { moderateComment } from '../domain/comments/moderation';
import { json, route } from '../lib/http';
import { commentPorts } from '../wiring/comment-ports';

/** An operator's decision on a comment: approve, remove, or ban its writer. */
export const handler = route({ auth: 'operator', params: commentParamsSchema, body: moderateCommentInputSchema }, async ({ params, body }) =>
  json(200, await moderateComment(params.commentId, body.action, commentPorts)),
);
