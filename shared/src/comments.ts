import { z } from 'zod';
import { seriesIdSchema } from './catalog';

/**
 * Likes, comments and 弹幕 (API.md, "Discovery and community"). Every comment passes the platform's
 * text-safety check before anyone sees it; what a viewer writes is only ever shown as text.
 */
export const commentRules = {
  /** Characters (code points) a comment may have. */
  maxChars: 100,
  /** Comments one viewer may post in a minute; the next gets 429 RATE_LIMITED. */
  perMinute: 10,
  /** Reports (举报) from different viewers that take an approved comment off screen, into the queue. */
  reportsToHold: 3,
  /** Newest approved comments an episode's list returns. */
  listSize: 200,
} as const;

/**
 * Where 弹幕 may fly, as fractions of the video picture's height from its top: above the burned-in
 * subtitles, which the seed renders from 62 % of the frame down (functions/local/seed/render.ts,
 * SUB_BOTTOM 806 of 960 with up to four rows above it) and which real dramas place there too.
 */
export const danmakuBand = { top: 0.06, bottom: 0.56 } as const;

/** Control characters (other than a line break) are refused: they draw nothing but can hide text. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const controlChars = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

export const commentTextSchema = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, '评论不能为空')
  .refine((s) => [...s].length <= commentRules.maxChars, `评论最多 ${commentRules.maxChars} 个字`)
  .refine((s) => !controlChars.test(s), '评论里有不可见的控制字符');

export const episodeParamsSchema = z.object({
  seriesId: seriesIdSchema,
  episode: z.coerce.number().int().min(1).max(10_000),
});
export type EpisodeParams = z.infer<typeof episodeParamsSchema>;

export const postCommentInputSchema = z
  .object({
    text: commentTextSchema,
    /** Seconds into the episode: a timed comment also flies over the video as 弹幕 at that moment. */
    atS: z
      .number()
      .min(0)
      .max(24 * 3600)
      .transform((s) => Math.round(s * 10) / 10)
      .optional(),
  })
  .strict();
export type PostCommentInput = z.infer<typeof postCommentInputSchema>;

export const commentStatuses = ['approved', 'held', 'removed'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const postCommentOutputSchema = z.object({ commentId: z.string(), status: z.enum(['approved', 'held']) });
export type PostCommentOutput = z.infer<typeof postCommentOutputSchema>;

export const commentSchema = z.object({
  commentId: z.string(),
  userId: z.string(),
  text: z.string(),
  atS: z.number().optional(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const listCommentsOutputSchema = z.object({ items: z.array(commentSchema) });
export type ListCommentsOutput = z.infer<typeof listCommentsOutputSchema>;

export const commentIdSchema = z.string().regex(/^c_[0-9a-z]{10,40}$/, 'not a comment id');
export const commentParamsSchema = z.object({ commentId: commentIdSchema });
export const reportOutputSchema = z.object({ reported: z.boolean() });

export const likeOutputSchema = z.object({ liked: z.boolean(), likes: z.number().int().nonnegative() });
export type LikeOutput = z.infer<typeof likeOutputSchema>;

/** The console's moderation queue (`/admin/comments`). */
export const moderationActions = ['approve', 'remove', 'ban'] as const;
export type ModerationAction = (typeof moderationActions)[number];

export const adminCommentSchema = commentSchema.extend({
  seriesId: z.string(),
  episode: z.number().int(),
  status: z.enum(commentStatuses),
  /** Why it waits: the platform could not decide (`review`), could not be reached (`unchecked`), or viewers reported it. */
  heldFor: z.enum(['review', 'unchecked', 'reports']).optional(),
  reports: z.number().int().nonnegative(),
  writerBanned: z.boolean().optional(),
});
export type AdminComment = z.infer<typeof adminCommentSchema>;

export const adminCommentsOutputSchema = z.object({ items: z.array(adminCommentSchema) });
export type AdminCommentsOutput = z.infer<typeof adminCommentsOutputSchema>;

export const moderateCommentInputSchema = z.object({ action: z.enum(moderationActions) }).strict();
export type ModerateCommentInput = z.infer<typeof moderateCommentInputSchema>;
export const moderateCommentOutputSchema = z.object({ comment: adminCommentSchema });
