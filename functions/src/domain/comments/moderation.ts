import type { AdminComment, AdminCommentsOutput, CommentStatus, ModerationAction } from '@drama/shared/comments';
import { NotFound } from '../errors';
import type { CommentRecord, CommentStore, Writers } from './comments';

/**
 * The console's moderation queue: comments the platform could not decide on, could not be asked
 * about, or that viewers reported. An operator approves (shown to everyone), removes (shown to no
 * one), or bans the writer (removed, and the writer's later posts are refused). Each decision is
 * one conditional move of the comment's status from any other state (an approval can undo a
 * removal), so the last decision stands and repeating one changes nothing.
 */

const queueSize = 100;

const view = (c: CommentRecord, writerBanned?: boolean): AdminComment => ({
  commentId: c.commentId,
  userId: c.userId,
  text: c.text,
  ...(c.atS !== undefined ? { atS: c.atS } : {}),
  createdAt: c.createdAt,
  seriesId: c.seriesId,
  episode: c.episode,
  status: c.status,
  ...(c.heldFor ? { heldFor: c.heldFor } : {}),
  reports: c.reports,
  ...(writerBanned !== undefined ? { writerBanned } : {}),
});

export async function moderationQueue(comments: CommentStore): Promise<AdminCommentsOutput> {
  return { items: (await comments.held(queueSize)).map((c) => view(c)) };
}

const moves: Record<ModerationAction, { from: CommentStatus[]; to: CommentStatus }> = {
  approve: { from: ['held', 'removed'], to: 'approved' },
  remove: { from: ['held', 'approved'], to: 'removed' },
  ban: { from: ['held', 'approved'], to: 'removed' },
};

export async function moderateComment(commentId: string, action: ModerationAction, ports: { comments: CommentStore; writers: Writers; now: () => Date }): Promise<{ comment: AdminComment }> {
  const comment = await ports.comments.get(commentId);
  if (!comment) throw new NotFound(`no comment ${commentId}`);
  // The ban first: should the move below be lost, the writer is banned already and a retry removes the comment.
  if (action === 'ban') await ports.writers.ban(comment.userId, ports.now());
  const { from, to } = moves[action];
  // Not moved: it is where this decision puts it already (a repeated click).
  const decided = (await ports.comments.move(commentId, from, to)) ?? comment;
  return { comment: view(decided, action === 'ban' ? true : undefined) };
}
