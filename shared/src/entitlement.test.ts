import { decideEntitlement, isLocked, offersFor, unlockKey, type SeriesTerms } from './entitlement';
import { membershipProducts } from './products';

const series: SeriesTerms = { id: 'the-heiress', episodeCount: 12, freeEpisodes: 3, episodePriceCoins: 40, seriesPriceFen: 2990 };
const now = new Date('2026-11-25T12:00:00Z');

describe('decideEntitlement', () => {
  it('lets anyone play the free episodes', () => {
    for (const episode of [1, 2, 3]) expect(decideEntitlement(series, episode, {}, now)).toEqual({ entitled: true, reason: 'free' });
  });

  it('locks the first paid episode and offers every way to unlock it', () => {
    const decision = decideEntitlement(series, 4, {}, now);
    expect(decision.entitled).toBe(false);
    if (decision.entitled) return;
    expect(decision.offers).toEqual([
      { kind: 'coins', coins: 40 },
      { kind: 'series', priceFen: 2990 },
      ...membershipProducts.map((m) => ({ kind: 'membership', plan: m.plan, priceFen: m.priceFen })),
      { kind: 'ad' },
    ]);
  });

  it('honours an unlocked episode, an owned series and an active membership', () => {
    expect(decideEntitlement(series, 5, { unlockedEpisodes: new Set([unlockKey(series.id, 5)]) }, now)).toEqual({ entitled: true, reason: 'unlocked' });
    expect(decideEntitlement(series, 6, { unlockedEpisodes: new Set([unlockKey(series.id, 5)]) }, now).entitled).toBe(false);
    expect(decideEntitlement(series, 12, { seriesOwned: new Set([series.id]) }, now)).toEqual({ entitled: true, reason: 'series' });
    expect(decideEntitlement(series, 12, { membershipExpiresAt: '2026-11-25T12:00:01Z' }, now)).toEqual({ entitled: true, reason: 'membership' });
  });

  it('treats a membership that expired this instant as lapsed', () => {
    expect(decideEntitlement(series, 4, { membershipExpiresAt: now.toISOString() }, now).entitled).toBe(false);
  });

  it('refuses episodes outside the series', () => {
    expect(() => decideEntitlement(series, 0, {}, now)).toThrow(RangeError);
    expect(() => decideEntitlement(series, 13, {}, now)).toThrow(RangeError);
    expect(() => decideEntitlement(series, 1.5, {}, now)).toThrow(RangeError);
  });

  it('agrees with isLocked and prices offers in integers', () => {
    expect(isLocked(series, 3, {}, now)).toBe(false);
    expect(isLocked(series, 4, {}, now)).toBe(true);
    for (const offer of offersFor(series)) {
      if ('priceFen' in offer) expect(Number.isInteger(offer.priceFen)).toBe(true);
    }
  });
});
