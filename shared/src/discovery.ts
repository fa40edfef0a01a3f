import { z } from 'zod';
import { seriesSummarySchema } from './catalog';

/**
 * Discovery: rankings computed from real plays and search over the catalog (API.md, "Discovery and
 * community"). The rules that decide a ranking's order live here so the app can say what a figure
 * means and the job computes exactly that.
 */
export const rankingKinds = ['hot', 'new', 'rising'] as const;
export type RankingKind = (typeof rankingKinds)[number];

export const rankingRules = {
  /** `hot` counts plays of the last 24 h; `rising` compares them with the 24 h before. */
  windowH: 24,
  /** A viewer's play of an episode counts 1; played to its end, it counts this much more. */
  completionBonus: 2,
  /**
   * `rising` is growth over the previous window, (now − before) / (before + smoothing): a series
   * going from 0 to 1 play does not outrank one going from 20 to 60.
   */
  risingSmoothing: 3,
  /** Items kept per ranking. */
  size: 50,
} as const;

export const rankingParamsSchema = z.object({ kind: z.enum(rankingKinds) });

/**
 * A series summary with its figure: `hot` weighted plays (see rankingRules), `rising` growth (a
 * ratio), `new` its first publication in epoch seconds.
 */
export const rankedSeriesSchema = seriesSummarySchema.extend({ score: z.number() });
export type RankedSeries = z.infer<typeof rankedSeriesSchema>;

export const rankingOutputSchema = z.object({
  items: z.array(rankedSeriesSchema),
  /** When the job computed it; absent before its first run. */
  computedAt: z.string().optional(),
});
export type RankingOutput = z.infer<typeof rankingOutputSchema>;

/** `GET /search?q=`: what a viewer typed, characters or pinyin. */
export const searchQuerySchema = z.object({ q: z.string().trim().min(1, 'type something to search for').max(40) });
export const searchOutputSchema = z.object({ items: z.array(seriesSummarySchema) });
export type SearchOutput = z.infer<typeof searchOutputSchema>;
