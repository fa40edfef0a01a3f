import { commentParamsSchema } from '@drama/shared/comments';
import { reportComment } from '../domain/comments/comments';
import { json, route } from '../lib/http';
import { commentPorts } from '../wiring/comment-ports';

/** 举报: once per viewer; enough reports take the comment off screen until an operator decides. */
export const handler = route({ auth: 'required', params: commentParamsSchema }, async ({ caller, params }) =>
  json(200, await reportComment(caller.userId, params.commentId, commentPorts.comments)),
);
