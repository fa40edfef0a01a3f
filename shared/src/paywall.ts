import { z } from 'zod';
import type { Offer } from './playback';
import { fenPerCoin, type MembershipPlan } from './products';

/**
 * What a paywall tells a viewer besides the offers: what finishing the series still costs, which
 * way is cheapest, and the trial preview. One rule here, used by the functions for every 402 and
 * the series page; the app only shows what the server decided.
 */

export const costToFinishSchema = z.object({
  /** Released episodes still locked to this viewer. */
  episodes: z.number().int().nonnegative(),
  /** Unlocking each of them with coins, at each episode's own price. */
  coins: z.number().int().nonnegative(),
  /** Those coins in fen, at the exchange the paywall quotes (shared/products.ts fenPerCoin). */
  fen: z.number().int().nonnegative(),
  /** The cheapest way to finish (null when nothing is locked); for a membership, which plan. */
  cheapest: z.enum(['coins', 'series', 'membership']).nullable(),
  plan: z.string().optional(),
});
export type CostToFinish = z.infer<typeof costToFinishSchema>;

/** How much each offer costs to finish the series, in fen; the ad offer has no price to compare. */
function fenToFinish(offer: Offer, coinsFen: number): number | null {
  if (offer.kind === 'coins') return coinsFen;
  if (offer.kind === 'series' || offer.kind === 'membership') return offer.priceFen;
  return null;
}

/** On a tie the permanent purchase wins, then coins (kept for good), then a membership period. */
const tieOrder: Record<Offer['kind'], number> = { series: 0, coins: 1, membership: 2, ad: 3 };

/**
 * The cost of finishing from the coin prices of the episodes still locked, and the offers (already
 * priced as the paywall quotes them) with the cheapest way to finish marked `cheapest: true`.
 * One membership period is taken to cover every released episode.
 */
export function costToFinish(lockedEpisodeCoins: readonly number[], offers: readonly Offer[]): { cost: CostToFinish; offers: Offer[] } {
  const coins = lockedEpisodeCoins.reduce((sum, c) => sum + c, 0);
  const fen = coins * fenPerCoin;
  const unmarked = offers.map((o) => stripCheapest(o));
  if (lockedEpisodeCoins.length === 0) return { cost: { episodes: 0, coins: 0, fen: 0, cheapest: null }, offers: unmarked };
  let best: { index: number; fen: number } | null = null;
  unmarked.forEach((offer, index) => {
    const price = fenToFinish(offer, fen);
    if (price === null) return;
    if (!best || price < best.fen || (price === best.fen && tieOrder[offer.kind] < tieOrder[unmarked[best.index].kind])) best = { index, fen: price };
  });
  const chosen = best as { index: number; fen: number } | null;
  const winner = chosen ? unmarked[chosen.index] : undefined;
  return {
    cost: {
      episodes: lockedEpisodeCoins.length,
      coins,
      fen,
      cheapest: winner && winner.kind !== 'ad' ? winner.kind : null,
      ...(winner?.kind === 'membership' ? { plan: winner.plan as MembershipPlan } : {}),
    },
    offers: unmarked.map((o, i) => (chosen && i === chosen.index ? { ...o, cheapest: true } : o)),
  };
}

function stripCheapest(offer: Offer): Offer {
  const { cheapest: _cheapest, ...rest } = offer as Offer & { cheapest?: boolean };
  return rest as Offer;
}

/** A locked episode's trial preview: a separate object with only its first `durationS` seconds. */
export const previewSchema = z.object({ url: z.string().url(), durationS: z.number().positive() });
export type Preview = z.infer<typeof previewSchema>;

/** Seconds of a locked episode a preview shows unless the operator sets another length (0: none). */
export const defaultPreviewS = 15;

/**
 * How long the preview of an episode lasting `episodeS` is: the series' setting, but never more
 * than half the episode (a 20 s episode previews 10 s), whole seconds; 0 means no preview.
 */
export function previewLengthS(previewS: number, episodeS: number): number {
  if (previewS <= 0 || episodeS <= 0) return 0;
  return Math.max(0, Math.min(Math.floor(previewS), Math.floor(episodeS / 2)));
}
