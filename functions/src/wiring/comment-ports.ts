import { randomBytes } from 'node:crypto';
import { dynamoCommentQuota, dynamoWriters } from '../adapters/dynamodb-comment-writers';
import { dynamoComments } from '../adapters/dynamodb-comments';
import { platformTextSafety } from '../adapters/platform/text-safety';
import type { CommentPorts } from '../domain/comments/comments';
import { catalog, clock } from './ports';

/**
 * Comments and 弹幕: the adapters built once per container. Apart from community-ports.ts because the
 * platforms' text-safety check (and the app secrets it signs in with) belongs to the comment routes
 * only: rankings, search and likes do not load it.
 */

/** Comment ids sort by time (base-36 milliseconds) and are unguessable (random tail). */
const newCommentId = () => `c_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

export const commentPorts: CommentPorts = {
  catalog,
  comments: dynamoComments,
  writers: dynamoWriters,
  quota: dynamoCommentQuota,
  safety: platformTextSafety,
  newId: newCommentId,
  now: clock,
};
