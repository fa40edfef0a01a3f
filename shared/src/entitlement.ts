import { defaultAdDailyCap } from './ads';
import { isMembershipActive } from './membership';
import type { Offer } from './playback';
import { membershipProducts } from './products';

/** What the entitlement rule needs to know about a series: its catalog facts. */
export interface SeriesTerms {
  id: string;
  episodeCount: number;
  freeEpisodes: number;
  episodePriceCoins: number;
  seriesPriceFen: number;
  /** Ad unlocks a viewer may take of this series a day (default 5); 0: no ad unlocks. */
  adDailyCap?: number;
}

/**
 * What the caller holds. Anonymous callers hold nothing. Later issues fill in the rest from the
 * user's wallet item (coin unlocks, series purchases, membership); the rule stays this one function.
 */
export interface Holdings {
  unlockedEpisodes?: ReadonlySet<string>;
  seriesOwned?: ReadonlySet<string>;
  membershipExpiresAt?: string | null;
}

export type EntitlementReason = 'free' | 'unlocked' | 'series' | 'membership';
export type EntitlementDecision =
  | { entitled: true; reason: EntitlementReason }
  | { entitled: false; offers: Offer[] };

export const unlockKey = (seriesId: string, episode: number) => `${seriesId}#${episode}`;

/** The one rule that says whether `episode` of `series` plays for a caller, and what unlocks it if not. */
export function decideEntitlement(
  series: SeriesTerms,
  episode: number,
  holdings: Holdings,
  now: Date,
): EntitlementDecision {
  if (!Number.isInteger(episode) || episode < 1 || episode > series.episodeCount) {
    throw new RangeError(`episode ${episode} is outside 1..${series.episodeCount}`);
  }
  if (episode <= series.freeEpisodes) return { entitled: true, reason: 'free' };
  if (holdings.seriesOwned?.has(series.id)) return { entitled: true, reason: 'series' };
  if (holdings.membershipExpiresAt && isMembershipActive({ expiresAt: holdings.membershipExpiresAt }, now)) {
    return { entitled: true, reason: 'membership' };
  }
  if (holdings.unlockedEpisodes?.has(unlockKey(series.id, episode))) return { entitled: true, reason: 'unlocked' };
  return { entitled: false, offers: offersFor(series) };
}

/** The paywall's offers for a locked episode of `series`, cheapest commitment first. */
export function offersFor(series: SeriesTerms): Offer[] {
  return [
    { kind: 'coins', coins: series.episodePriceCoins },
    { kind: 'series', priceFen: series.seriesPriceFen },
    ...membershipProducts.map((m) => ({ kind: 'membership' as const, plan: m.plan, priceFen: m.priceFen })),
    ...(adDailyCapOf(series) > 0 ? [{ kind: 'ad' as const }] : []),
  ];
}

export const adDailyCapOf = (series: Pick<SeriesTerms, 'adDailyCap'>) => series.adDailyCap ?? defaultAdDailyCap;

/** Whether an episode shows as locked to a caller, for the series page's grid. */
export function isLocked(series: SeriesTerms, episode: number, holdings: Holdings, now: Date): boolean {
  return !decideEntitlement(series, episode, holdings, now).entitled;
}
