import { bonusTotal, debitCoins, type CoinBalance } from './coins';

const now = new Date('2026-11-25T12:00:00Z');
const balance: CoinBalance = {
  coins: 100,
  bonus: [
    { ref: 'late', amount: 50, expiresAt: '2026-12-25T00:00:00Z' },
    { ref: 'soon', amount: 30, expiresAt: '2026-11-26T00:00:00Z' },
    { ref: 'gone', amount: 999, expiresAt: '2026-11-25T11:59:59Z' },
  ],
};

describe('debitCoins', () => {
  it('spends the bonus that expires soonest first, then paid coins', () => {
    const r = debitCoins(balance, 40, now);
    expect(r).toEqual({ ok: true, fromBonus: 40, fromCoins: 0, balance: { coins: 100, bonus: [{ ref: 'late', amount: 40, expiresAt: '2026-12-25T00:00:00Z' }] } });
    const all = debitCoins(balance, 150, now);
    expect(all).toMatchObject({ ok: true, fromBonus: 80, fromCoins: 70, balance: { coins: 30, bonus: [] } });
  });

  it('never spends expired bonus and never goes below zero', () => {
    expect(bonusTotal(balance.bonus, now)).toBe(80);
    expect(debitCoins(balance, 181, now)).toEqual({ ok: false, shortBy: 1 });
    expect(debitCoins(balance, 180, now)).toMatchObject({ ok: true, balance: { coins: 0, bonus: [] } });
  });

  it('refuses fractional or negative prices', () => {
    expect(() => debitCoins(balance, -1, now)).toThrow(RangeError);
    expect(() => debitCoins(balance, 1.5, now)).toThrow(RangeError);
  });
});
