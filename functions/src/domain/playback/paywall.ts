import { decideEntitlement, offersFor, type Holdings } from '@drama/shared/entitlement';
import { costToFinish, type CostToFinish } from '@drama/shared/paywall';
import type { Offer } from '@drama/shared/playback';
import type { ProductCatalog } from '@drama/shared/products';
import { releasedEpisodes, type Series } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { episodePrice } from '../wallet/unlock';

/**
 * The rule quotes the series' defaults; a paywall (of a play or of a scene from a frame) quotes what
 * POST /unlocks and POST /orders will charge: this episode's own coin price and the operator's
 * membership prices.
 */
async function pricedOffers(series: Series, episode: number, offers: Offer[], products?: () => Promise<ProductCatalog>): Promise<Offer[]> {
  const live = products ? await products() : undefined;
  const coins = episodePrice(series, episode);
  return offers.map((o): Offer => {
    if (o.kind === 'coins') return { ...o, coins };
    if (o.kind === 'membership') return { ...o, priceFen: live?.memberships.find((m) => m.plan === o.plan)?.priceFen ?? o.priceFen };
    return o;
  });
}

/** The coin prices of the released episodes still locked to this viewer, by the one entitlement rule. */
function lockedCoins(series: Series, holdings: Holdings, now: Date): number[] {
  const terms = termsOf(series);
  return releasedEpisodes(series, now)
    .filter((e) => !decideEntitlement(terms, e.index, holdings, now).entitled)
    .map((e) => episodePrice(series, e.index));
}

/**
 * What a 402 carries for `episode`: the priced offers, the cheapest way to finish marked by the
 * server, and the cost of finishing (shared/paywall.ts costToFinish: one rule for every paywall).
 */
export async function paywallFor(series: Series, episode: number, holdings: Holdings, now: Date, products?: () => Promise<ProductCatalog>): Promise<{ offers: Offer[]; costToFinish: CostToFinish }> {
  const priced = await pricedOffers(series, episode, offersFor(termsOf(series)), products);
  const { cost, offers } = costToFinish(lockedCoins(series, holdings, now), priced);
  return { offers, costToFinish: cost };
}

/** The series page's cost to finish for a signed-in viewer (the same rule as every 402). */
export async function seriesCostToFinish(series: Series, holdings: Holdings, now: Date, products?: () => Promise<ProductCatalog>): Promise<CostToFinish> {
  const first = releasedEpisodes(series, now)[0]?.index ?? 1;
  const priced = await pricedOffers(series, first, offersFor(termsOf(series)), products);
  return costToFinish(lockedCoins(series, holdings, now), priced).cost;
}
