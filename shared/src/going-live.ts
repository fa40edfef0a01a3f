import { z } from 'zod';

/**
 * Going live on the platforms (API.md, "Going live on the platforms"): the compliance facts an
 * operator records for a series, the review state each platform's media library gives it, and the
 * rule for when a viewer on a platform may see it. Pure: both the console and the functions use it.
 */

// --- compliance ---

/**
 * Since 2024-06 micro-dramas are reviewed by budget: under ¥300k by the platform itself, ¥300k–1M by
 * the provincial bureau (a 备案 number), ¥1M and over nationally (a distribution licence).
 */
export const budgetTiers = ['platform', 'provincial', 'national'] as const;
export type BudgetTier = (typeof budgetTiers)[number];
export const budgetTierSchema = z.enum(budgetTiers);

/** The tier a production budget (integer fen) falls in. */
export function budgetTierOf(budgetFen: number): BudgetTier {
  if (budgetFen < 30_000_000) return 'platform';
  if (budgetFen < 100_000_000) return 'provincial';
  return 'national';
}

export const budgetTierText: Record<BudgetTier, string> = {
  platform: '平台审核（30万元以下）',
  provincial: '省级备案（30万–100万元）',
  national: '国家级许可（100万元及以上）',
};

/**
 * The cost report (成本配置比例情况报告) an operator uploads: an image (WeChat takes it as an image
 * material for its review), private, under reports/.
 */
export const reportKeySchema = z.string().max(256).regex(/^reports\/[A-Za-z0-9/_.-]+$/, 'cost reports live under reports/');
export const reportContentTypes = ['image/jpeg', 'image/png'] as const;

/** PUT /admin/series/{seriesId}/compliance: all three, or the series cannot go on sale while it has paid episodes. */
export const complianceInputSchema = z
  .object({
    budgetTier: budgetTierSchema,
    /** 备案号 or 发行许可证号: burned into each episode's opening seconds by the ingest. */
    licence: z.string().trim().min(1).max(64),
    costReportKey: reportKeySchema,
  })
  .strict();
export type ComplianceInput = z.infer<typeof complianceInputSchema>;

// --- platform review ---

export const reviewStates = ['draft', 'uploading', 'in_review', 'approved', 'rejected', 'online'] as const;
export type ReviewState = (typeof reviewStates)[number];

export const reviewPlatforms = ['douyin', 'wechat'] as const;
export type ReviewPlatform = (typeof reviewPlatforms)[number];

export const douyinReviewSchema = z.object({ state: z.enum(reviewStates), reason: z.string().optional(), albumId: z.string().optional() });
export const wechatReviewSchema = z.object({ state: z.enum(reviewStates), reason: z.string().optional(), dramaId: z.string().optional() });
/** `GET /admin/series` items carry this (API.md). */
export const seriesReviewSchema = z.object({ douyin: douyinReviewSchema, wechat: wechatReviewSchema });
export type SeriesReview = z.infer<typeof seriesReviewSchema>;

export const reviewStateText: Record<ReviewState, string> = {
  draft: '未提交',
  uploading: '上传中',
  in_review: '审核中',
  approved: '审核通过',
  rejected: '未通过',
  online: '已上线',
};

/** A platform plays a drama once its review passed (Douyin: and after it is put online). */
export const playableOn = (state: ReviewState): boolean => state === 'approved' || state === 'online';

/**
 * Who sees a published series when visibility follows review (`CATALOG_VISIBILITY=approved`): a
 * viewer inside Douyin or WeChat only what that platform approved; anyone else (H5) what some
 * platform approved. With `published`, every published series is shown (local demos, tests).
 */
export const catalogVisibilities = ['approved', 'published'] as const;
export type CatalogVisibility = (typeof catalogVisibilities)[number];
export type ViewerPlatform = ReviewPlatform | 'other';

export function reviewAllows(review: { [P in ReviewPlatform]: { state: ReviewState } }, viewer: ViewerPlatform, visibility: CatalogVisibility): boolean {
  if (visibility === 'published') return true;
  if (viewer === 'other') return reviewPlatforms.some((p) => playableOn(review[p].state));
  return playableOn(review[viewer].state);
}

/** `GET /series?platform=`: the app says where it runs, so the list holds what that platform approved. */
export const viewerPlatformQuerySchema = z.object({ platform: z.enum(['douyin', 'wechat', 'h5']).optional() });
export const viewerPlatformOf = (platform?: string): ViewerPlatform => (platform === 'douyin' || platform === 'wechat' ? platform : 'other');

// --- sandbox listings (API.md) ---

export const sandboxAlbumSchema = z.object({ albumId: z.string(), title: z.string(), episodes: z.number().int(), state: z.string(), boundPath: z.string().optional() });
export const sandboxDramaSchema = z.object({ dramaId: z.string(), name: z.string(), episodes: z.number().int(), state: z.string() });
