import { decideChange, emptyWallet, type Wallet } from './wallet';

const at = new Date('2026-12-06T02:00:00Z');
const wallet = (fields: Partial<Wallet>): Wallet => ({ ...emptyWallet('u'), version: 3, ...fields });

describe('decideChange', () => {
  it('returns the next wallet, one version on, with its ledger row of the balances on either side', () => {
    const current = wallet({ coins: 100, bonus: [{ ref: 'c', amount: 20, expiresAt: '2026-12-20T00:00:00Z' }] });
    const decided = decideChange(current, 'unlock:r1', (w) => ({ wallet: { ...w, coins: w.coins - 30 }, reason: 'unlock', ref: 's#3' }), at);
    expect(decided?.wallet).toMatchObject({ coins: 70, version: 4 });
    expect(decided?.entry).toEqual({ opId: 'unlock:r1', reason: 'unlock', ref: 's#3', at: at.toISOString(), coinsBefore: 100, coinsAfter: 70, bonusBefore: 20, bonusAfter: 20 });
  });

  it('carries the note and the money the order moved', () => {
    const decided = decideChange(wallet({ coins: 5 }), 'refund:DR1', (w) => ({ wallet: { ...w, coins: 0 }, reason: 'refund', ref: 'DR1', note: '595 coins already spent', amountFen: 600 }), at);
    expect(decided?.entry).toMatchObject({ note: '595 coins already spent', amountFen: 600 });
  });

  it('never lets a balance go below zero', () => {
    expect(() => decideChange(wallet({ coins: 10 }), 'op', (w) => ({ wallet: { ...w, coins: -1 }, reason: 'unlock', ref: 'x' }), at)).toThrow('below zero');
    expect(() => decideChange(wallet({}), 'op', (w) => ({ wallet: { ...w, bonus: [{ ref: 'b', amount: -5, expiresAt: '2027-01-01T00:00:00Z' }] }, reason: 'unlock', ref: 'x' }), at)).toThrow('below zero');
  });

  it('decides nothing when the change has nothing to change', () => {
    expect(decideChange(wallet({}), 'op', () => null, at)).toBeNull();
  });
});
