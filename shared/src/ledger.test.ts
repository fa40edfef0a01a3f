import { monthSpend } from './ledger';

const row = (over: Partial<Parameters<typeof monthSpend>[0][number]>) => ({ reason: 'unlock', at: '2026-05-10T04:00:00Z', coinsBefore: 0, coinsAfter: 0, bonusBefore: 0, bonusAfter: 0, ...over });

describe('monthSpend', () => {
  it("sums this Shanghai month's payments less refunds, and the coins spent on episodes", () => {
    const now = new Date('2026-05-20T04:00:00Z');
    const spend = monthSpend(
      [
        row({ reason: 'purchase', amountFen: 3000, coinsAfter: 3000 }),
        row({ reason: 'membership', amountFen: 2500 }),
        row({ reason: 'refund', amountFen: 600 }),
        row({ reason: 'unlock', coinsBefore: 3000, coinsAfter: 2960, bonusBefore: 300, bonusAfter: 290 }),
        row({ reason: 'checkin', bonusAfter: 20 }),
        row({ reason: 'ad' }),
        // 23:30 on 30 April in Shanghai is last month; half an hour later it is May there (still April in UTC).
        row({ reason: 'series', amountFen: 2990, at: '2026-04-30T15:30:00Z' }),
        row({ reason: 'series', amountFen: 1990, at: '2026-04-30T16:30:00Z' }),
      ],
      now,
    );
    expect(spend).toEqual({ month: '2026-05', fen: 3000 + 2500 - 600 + 1990, coins: 50 });
  });
});
