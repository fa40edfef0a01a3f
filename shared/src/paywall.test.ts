import { costToFinish, previewLengthS } from './paywall';
import type { Offer } from './playback';

const offers: Offer[] = [
  { kind: 'coins', coins: 40 },
  { kind: 'series', priceFen: 2990 },
  { kind: 'membership', plan: 'month', priceFen: 3000 },
  { kind: 'membership', plan: 'month_auto', priceFen: 2500 },
  { kind: 'ad' },
];
const marked = (result: { offers: Offer[] }) => result.offers.filter((o) => o.cheapest).map((o) => (o.kind === 'membership' ? `membership:${o.plan}` : o.kind));

describe('costToFinish', () => {
  it('adds up the locked episodes at their own prices and marks coins when they are cheapest', () => {
    const result = costToFinish([40, 40, 60], offers);
    expect(result.cost).toEqual({ episodes: 3, coins: 140, fen: 140, cheapest: 'coins' });
    expect(marked(result)).toEqual(['coins']);
  });

  it('marks the cheapest membership plan when many episodes are left, and the series when it is cheaper still', () => {
    const many = Array(80).fill(40);
    const byMembership = costToFinish(many, offers);
    expect(byMembership.cost).toMatchObject({ episodes: 80, coins: 3200, fen: 3200, cheapest: 'membership', plan: 'month_auto' });
    expect(marked(byMembership)).toEqual(['membership:month_auto']);
    const cheapSeries = costToFinish(many, offers.map((o) => (o.kind === 'series' ? { ...o, priceFen: 1990 } : o)));
    expect(marked(cheapSeries)).toEqual(['series']);
  });

  it('prefers the series on a tie with coins (owned for good)', () => {
    expect(costToFinish([2990], offers.slice(0, 3)).cost.cheapest).toBe('series');
  });

  it('marks nothing when nothing is locked, and drops marks the caller passed in', () => {
    const result = costToFinish([], [{ kind: 'coins', coins: 40, cheapest: true }, ...offers.slice(1)]);
    expect(result.cost).toEqual({ episodes: 0, coins: 0, fen: 0, cheapest: null });
    expect(marked(result)).toEqual([]);
  });
});

describe('previewLengthS', () => {
  it("is the series' setting, never more than half the episode, none when set to 0", () => {
    expect(previewLengthS(15, 40)).toBe(15);
    expect(previewLengthS(15, 20)).toBe(10);
    expect(previewLengthS(15, 13)).toBe(6);
    expect(previewLengthS(0, 40)).toBe(0);
    expect(previewLengthS(15, 1)).toBe(0);
  });
});
