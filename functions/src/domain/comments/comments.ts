import { commentRules, type CommentStatus, type EpisodeParams, type ListCommentsOutput, type PostCommentInput, type PostCommentOutput } from '@drama/shared/comments';
import { releasedEpisodes, type CatalogReader } from '../catalog/catalog';
import { ContentRefused, Forbidden, NotFound, RateLimited, Unauthorized } from '../errors';
import { fold, hanSkeleton } from '../text-fold';

/**
 * Comments on an episode, moderated before anyone sees them. A post is checked in this order, each
 * step refusing with a Chinese message the viewer can act on: the episode exists; the writer is not
 * banned; the writer has posts left this minute (a conditional counter, so concurrent posts cannot
 * overrun it); the platform's text-safety check (the writer's platform: Douyin's for Douyin and the
 * H5 sandbox, WeChat's msgSecCheck for WeChat). The check sees the text as written and folded (see
 * textsToCheck): a word with spaces, symbols or letters between its characters is still that word.
 * Refused: 400 CONTENT_REFUSED, nothing stored. Passed: stored approved, listed at once. Uncertain
 * (WeChat's `review`) or unchecked (the platform could not be reached): stored held, shown to no
 * one until an operator approves it. Reports hold an approved comment after `reportsToHold` viewers.
 */

export type HeldFor = 'review' | 'unchecked' | 'reports';

export interface CommentRecord {
  commentId: string;
  seriesId: string;
  episode: number;
  userId: string;
  text: string;
  atS?: number;
  createdAt: string;
  status: CommentStatus;
  heldFor?: HeldFor;
  reports: number;
}

export interface CommentStore {
  create(comment: CommentRecord): Promise<void>;
  /** The newest approved comments of an episode, newest first. */
  listApproved(seriesId: string, episode: number, limit: number): Promise<CommentRecord[]>;
  get(commentId: string): Promise<CommentRecord | undefined>;
  /** Adds one viewer's report to an approved comment: the number of reports after it, or null when this viewer had reported it or it is not approved. */
  report(commentId: string, reporterId: string): Promise<number | null>;
  /** Moves the comment to `to` if it is in one of `from` (one conditional write): the comment after, or undefined. */
  move(commentId: string, from: readonly CommentStatus[], to: CommentStatus, heldFor?: HeldFor): Promise<CommentRecord | undefined>;
  /** Held comments, newest first. */
  held(limit: number): Promise<CommentRecord[]>;
}

export interface Writer {
  platform: string;
  openId: string;
  banned: boolean;
}

export interface Writers {
  /** The writer's platform account and standing; undefined for a user never signed in. */
  standing(userId: string): Promise<Writer | undefined>;
  ban(userId: string, at: Date): Promise<void>;
}

/** Posts per viewer and minute: `take` counts one and says whether it was within the limit. */
export interface CommentQuota {
  take(userId: string, now: Date): Promise<boolean>;
}

/** What the platform's text-safety check made of a text. */
export type Verdict = 'pass' | 'refuse' | 'review' | 'unchecked';

export interface TextSafety {
  check(texts: readonly string[], writer: Pick<Writer, 'platform' | 'openId'>): Promise<Verdict>;
}

export interface CommentPorts {
  catalog: CatalogReader;
  comments: CommentStore;
  writers: Writers;
  quota: CommentQuota;
  safety: TextSafety;
  newId: () => string;
  now: () => Date;
}

/** The texts the platform checks: as written, folded, and its Chinese characters alone (when they differ). */
export function textsToCheck(text: string): string[] {
  const folded = fold(text);
  return [...new Set([text, folded, hanSkeleton(folded)])].filter((t) => t.length > 0);
}

export async function requireEpisode(catalog: CatalogReader, { seriesId, episode }: EpisodeParams, now: Date): Promise<void> {
  const series = await catalog.getSeries(seriesId);
  if (!series?.published || !releasedEpisodes(series, now).some((e) => e.index === episode)) throw new NotFound(`没有这一集（${seriesId} 第 ${episode} 集）`);
}

export async function postComment(userId: string, where: EpisodeParams, input: PostCommentInput, ports: CommentPorts): Promise<PostCommentOutput> {
  const now = ports.now();
  await requireEpisode(ports.catalog, where, now);
  const writer = await ports.writers.standing(userId);
  if (!writer) throw new Unauthorized('请重新登录后再发评论');
  if (writer.banned) throw new Forbidden('你已被禁止发表评论');
  if (!(await ports.quota.take(userId, now))) throw new RateLimited(`评论太频繁了：每分钟最多 ${commentRules.perMinute} 条，请稍后再发`);
  const verdict = await ports.safety.check(textsToCheck(input.text), writer);
  if (verdict === 'refuse') throw new ContentRefused('评论含有违规内容，未能发出，请修改后再发');
  const comment: CommentRecord = {
    commentId: ports.newId(),
    ...where,
    userId,
    text: input.text,
    ...(input.atS !== undefined ? { atS: input.atS } : {}),
    createdAt: now.toISOString(),
    status: verdict === 'pass' ? 'approved' : 'held',
    ...(verdict === 'pass' ? {} : { heldFor: verdict === 'review' ? ('review' as const) : ('unchecked' as const) }),
    reports: 0,
  };
  await ports.comments.create(comment);
  return { commentId: comment.commentId, status: comment.status as PostCommentOutput['status'] };
}

export async function listComments(where: EpisodeParams, ports: Pick<CommentPorts, 'catalog' | 'comments' | 'now'>): Promise<ListCommentsOutput> {
  await requireEpisode(ports.catalog, where, ports.now());
  const items = await ports.comments.listApproved(where.seriesId, where.episode, commentRules.listSize);
  return { items: items.map(({ commentId, userId, text, atS, createdAt }) => ({ commentId, userId, text, ...(atS !== undefined ? { atS } : {}), createdAt })) };
}

/** 举报: once per viewer; the `reportsToHold`-th report takes the comment off screen into the queue. */
export async function reportComment(userId: string, commentId: string, comments: CommentStore): Promise<{ reported: boolean }> {
  const comment = await comments.get(commentId);
  if (!comment || comment.status === 'removed') throw new NotFound('没有这条评论');
  if (comment.userId === userId) return { reported: false };
  const reports = await comments.report(commentId, userId);
  if (reports === null) return { reported: false };
  // Re-driven by the next report if this step is lost: the count stays at or past the threshold.
  if (reports >= commentRules.reportsToHold) await comments.move(commentId, ['approved'], 'held', 'reports');
  return { reported: true };
}
