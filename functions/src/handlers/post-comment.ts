import { episodeParamsSchema, postCommentInputSchema } from '@drama/shared/comments';
import { postComment } from '../domain/comments/comments';
import { json, route } from '../lib/http';
import { commentPorts } from '../wiring/comment-ports';

/** A comment, checked by the platform's text safety before anyone sees it: approved, or held for an operator. */
export const handler = route({ auth: 'required', params: episodeParamsSchema, body: postCommentInputSchema }, async ({ caller, params, body }) =>
  json(201, await postComment(caller.userId, params, body, commentPorts)),
);
