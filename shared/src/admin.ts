import { z } from 'zod';
import { genreSchema, seriesIdSchema } from './catalog';
import { funnelStages } from './events';
import { objectKeySchema } from './object-keys';
import { budgetTierSchema, reportContentTypes, seriesReviewSchema } from './going-live';
import { coinPackSchema, membershipPriceSchema } from './products';
import { reminderKinds } from './reminders';
import { createUploadOutputSchema } from './uploads';

/**
 * The operator API (`/admin/…`): the contract between the console and the functions. Operators
 * sign in with the operator secret; their token is signed with a key viewers' tokens never share.
 */
export const operatorLoginInputSchema = z.object({ secret: z.string().min(1).max(512) }).strict();
export const operatorLoginOutputSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type OperatorLoginOutput = z.infer<typeof operatorLoginOutputSchema>;

const isoTime = z.string().datetime({ offset: true });
/** Object keys operators upload to: media under media/, covers under covers/ (public). */
export const mediaKeySchema = objectKeySchema('media');
export const coverKeySchema = objectKeySchema('covers');

export const adminSeriesParamsSchema = z.object({ seriesId: seriesIdSchema });
export const adminEpisodeParamsSchema = z.object({ seriesId: seriesIdSchema, index: z.coerce.number().int().min(1).max(999) });

/** Create or edit a series (PUT /admin/series/{seriesId}); publishing is its own call. */
export const adminSeriesInputSchema = z
  .object({
    title: z.string().trim().min(1).max(64),
    genre: genreSchema,
    synopsis: z.string().max(500).default(''),
    tags: z.array(z.string().trim().min(1).max(16)).max(8).default([]),
    /** 主演 (searchable); left out, the stored cast stays. */
    cast: z.array(z.string().trim().min(1).max(16)).max(12).optional(),
    coverKey: coverKeySchema.optional(),
    freeEpisodes: z.number().int().min(0).max(999),
    // Prices are at least 1: the paywall's offers and the orders are positive amounts (a 0 would be a
    // free unlock, and an offer the app's contract refuses); free episodes are what freeEpisodes is for.
    episodePriceCoins: z.number().int().min(1).max(100_000),
    seriesPriceFen: z.number().int().min(1).max(10_000_000),
    /** 备案号: a paid drama cannot be published without it. */
    licence: z.string().trim().max(64).optional(),
    order: z.number().int().min(0).max(100_000).default(0),
    /** Seconds of a locked episode its trial preview shows (default 15; 0: no previews); cut at ingest. */
    previewS: z.number().int().min(0).max(120).optional(),
    /** Ad unlocks one viewer may take of this series a Shanghai day (default 5; 0: no ad unlocks). */
    adDailyCap: z.number().int().min(0).max(50).optional(),
  })
  .strict();
export type AdminSeriesInput = z.infer<typeof adminSeriesInputSchema>;

/** Create or edit an episode (PUT /admin/series/{seriesId}/episodes/{index}). */
export const adminEpisodeInputSchema = z
  .object({
    title: z.string().trim().min(1).max(64),
    // Kept to the millisecond, as progress positions are: DynamoDB refuses numbers below 1e-130.
    durationS: z
      .number()
      .nonnegative()
      .max(3600)
      .transform((s) => Math.round(s * 1000) / 1000),
    mediaKey: mediaKeySchema,
    priceCoins: z.number().int().min(1).max(100_000).optional(),
    releaseAt: isoTime.optional(),
  })
  .strict();
export type AdminEpisodeInput = z.infer<typeof adminEpisodeInputSchema>;

export const adminPublishInputSchema = z.object({ published: z.boolean() }).strict();

export const adminUploadContentTypes = ['video/mp4', 'image/jpeg', 'image/png', 'image/webp'] as const;
/** Episode files up to 512 MiB; covers up to 5 MiB. */
export const maxMediaBytes = 512 * 1024 * 1024;
export const maxCoverBytes = 5 * 1024 * 1024;
export const adminUploadInputSchema = z
  .object({
    /** `report`: the cost report of going-live.ts (private, under reports/). */
    kind: z.enum(['media', 'cover', 'report']),
    seriesId: seriesIdSchema,
    contentType: z.enum(adminUploadContentTypes),
    bytes: z.number().int().positive().max(maxMediaBytes),
  })
  .strict()
  .refine(
    (u) =>
      u.kind === 'media' ? u.contentType === 'video/mp4' : u.kind === 'report' ? (reportContentTypes as readonly string[]).includes(u.contentType) : u.contentType.startsWith('image/'),
    'media are video/mp4, covers are images, cost reports are JPEG or PNG images',
  )
  .refine((u) => u.kind === 'media' || u.bytes <= maxCoverBytes, `covers and reports are limited to ${maxCoverBytes} bytes`);
export type AdminUploadInput = z.infer<typeof adminUploadInputSchema>;
/** A presigned PUT, as POST /uploads gives viewers; a cover's public URL comes with it. */
export const adminUploadOutputSchema = createUploadOutputSchema.extend({ cover: z.string().optional() });
export type AdminUploadOutput = z.infer<typeof adminUploadOutputSchema>;

export const adminEpisodeSchema = z.object({
  index: z.number().int(),
  title: z.string(),
  durationS: z.number(),
  mediaKey: z.string(),
  priceCoins: z.number().int().optional(),
  releaseAt: z.string().optional(),
  /** The trial preview cut at ingest for the current media, if any (seconds). */
  previewS: z.number().optional(),
});
export const adminSeriesSchema = z.object({
  id: z.string(),
  title: z.string(),
  genre: genreSchema,
  synopsis: z.string(),
  tags: z.array(z.string()),
  cast: z.array(z.string()).optional(),
  coverKey: z.string(),
  cover: z.string(),
  freeEpisodes: z.number().int(),
  episodePriceCoins: z.number().int(),
  seriesPriceFen: z.number().int(),
  licence: z.string().optional(),
  budgetTier: budgetTierSchema.optional(),
  costReportKey: z.string().optional(),
  order: z.number().int(),
  published: z.boolean(),
  previewS: z.number().int(),
  adDailyCap: z.number().int(),
  episodes: z.array(adminEpisodeSchema),
  /** Each platform's media library and review (API.md). */
  review: seriesReviewSchema,
});
export type AdminSeries = z.infer<typeof adminSeriesSchema>;
export const adminSeriesListSchema = z.object({ items: z.array(adminSeriesSchema) });

/** The operator's prices (PUT /admin/products): they replace shared/products.ts's defaults. */
export const adminProductsInputSchema = z
  .object({
    coinPacks: z.array(coinPackSchema).min(1).max(8).refine((p) => new Set(p.map((x) => x.packId)).size === p.length, 'pack ids must be unique'),
    memberships: z.array(membershipPriceSchema).refine((m) => new Set(m.map((x) => x.plan)).size === m.length, 'one price per plan'),
  })
  .strict();
export type AdminProductsInput = z.infer<typeof adminProductsInputSchema>;

/** A real calendar day as YYYY-MM-DD (2026-02-31 is refused, not rolled over). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d && d >= '2000-01-01';
  }, 'not a calendar day');

/** Figures cover whole Shanghai days, at most 92 of them. */
export const figuresQuerySchema = z
  .object({
    from: calendarDate,
    to: calendarDate,
  })
  .strict()
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 92, 'at most 92 days');
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;
export const figureNames = ['funnel', 'revenue', 'reminders', 'retention'] as const;
export const figuresParamsSchema = z.object({ name: z.enum(figureNames) });
export const conversionsQuerySchema = z.object({ clickid: z.string().min(1).max(256) });

const stageCounts = z.object(Object.fromEntries(funnelStages.map((s) => [s, z.number().int()])) as Record<(typeof funnelStages)[number], z.ZodNumber>);
export const funnelRowSchema = z.object({ key: z.string(), counts: stageCounts });
export const funnelOutputSchema = z.object({
  stages: z.array(z.enum(funnelStages)),
  byCampaign: z.array(funnelRowSchema),
  bySeries: z.array(funnelRowSchema),
});
export type FunnelOutput = z.infer<typeof funnelOutputSchema>;

export const revenueOutputSchema = z.object({
  days: z.array(z.string()),
  /** Net fen per day, per product kind: payments of the day less refunds of the day. */
  byDay: z.array(z.object({ date: z.string(), coins: z.number().int(), series: z.number().int(), membership: z.number().int() })),
  /** Net fen per product; `orders` paid and `refunds` refunded in the range. */
  byProduct: z.array(z.object({ product: z.string(), amountFen: z.number().int(), orders: z.number().int(), refunds: z.number().int() })),
  /** Net: paid less refunded. */
  totalFen: z.number().int(),
  refundedFen: z.number().int(),
});
export type RevenueOutput = z.infer<typeof revenueOutputSchema>;

export const remindersOutputSchema = z.object({
  byKind: z.array(z.object({ kind: z.enum(reminderKinds), sent: z.number().int(), opened: z.number().int(), optedOut: z.number().int() })),
});
export type RemindersOutput = z.infer<typeof remindersOutputSchema>;

export const retentionOutputSchema = z.object({
  /** users[n-1]: how many users reached a check-in streak of at least n days. */
  streaks: z.array(z.object({ streak: z.number().int(), users: z.number().int() })),
  checkers: z.number().int(),
});
export type RetentionOutput = z.infer<typeof retentionOutputSchema>;

/** GET /admin/figures/{name}: the figure named, over the Shanghai days `from`..`to`. */
const figureDays = z.object({ from: z.string(), to: z.string() });
export const figuresOutputSchemas = {
  funnel: funnelOutputSchema.merge(figureDays),
  revenue: revenueOutputSchema.merge(figureDays),
  reminders: remindersOutputSchema.merge(figureDays),
  retention: retentionOutputSchema.merge(figureDays),
} as const satisfies Record<(typeof figureNames)[number], z.ZodTypeAny>;
/** Any one of the four (the route's table entry: which one follows from the path). */
export const figuresOutputSchema = z.union([figuresOutputSchemas.funnel, figuresOutputSchemas.revenue, figuresOutputSchemas.reminders, figuresOutputSchemas.retention]);

/** Conversion rate from one stage to the next, as the console shows it (0 when nobody reached the earlier one). */
export function stageRate(from: number, to: number): number {
  return from > 0 ? Math.round((to / from) * 1000) / 10 : 0;
}
