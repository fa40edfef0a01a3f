import { z } from 'zod';
import { costToFinishSchema } from './paywall';

export const seriesIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'series ids are lower-case letters, digits and dashes');

export const genreSchema = z.enum(['逆袭', '甜宠', '悬疑']);

export const seriesSummarySchema = z.object({
  id: seriesIdSchema,
  title: z.string(),
  genre: genreSchema,
  synopsis: z.string(),
  tags: z.array(z.string()),
  cover: z.string(),
  episodeCount: z.number().int().nonnegative(),
  freeEpisodes: z.number().int().nonnegative(),
  episodePriceCoins: z.number().int().nonnegative(),
  seriesPriceFen: z.number().int().nonnegative(),
  /** 备案号 / licence number a paid drama must show. */
  licence: z.string().optional(),
  /** 主演: the leads as the credits name them (searchable). */
  cast: z.array(z.string()).optional(),
});
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

export const episodeViewSchema = z.object({
  index: z.number().int().positive(),
  title: z.string(),
  durationS: z.number().nonnegative(),
  free: z.boolean(),
  locked: z.boolean(),
});
export type EpisodeView = z.infer<typeof episodeViewSchema>;

export const listSeriesOutputSchema = z.object({ items: z.array(seriesSummarySchema) });
export type ListSeriesOutput = z.infer<typeof listSeriesOutputSchema>;

export const getSeriesParamsSchema = z.object({ seriesId: seriesIdSchema });
export const getSeriesOutputSchema = z.object({
  series: seriesSummarySchema,
  episodes: z.array(episodeViewSchema),
  /** For a signed-in viewer: what finishing the series still costs (the rule of every 402). */
  costToFinish: costToFinishSchema.optional(),
});
export type GetSeriesOutput = z.infer<typeof getSeriesOutputSchema>;
