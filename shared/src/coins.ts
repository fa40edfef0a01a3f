/**
 * Coin balances: paid coins never expire; bonus coins come in grants that expire. Spending uses the
 * bonus that expires soonest first, then paid coins. All amounts are whole coins.
 */
export interface BonusGrant {
  /** The order or check-in that granted it: the ledger reference. */
  ref: string;
  amount: number;
  expiresAt: string;
}

export interface CoinBalance {
  coins: number;
  bonus: BonusGrant[];
}

/** Drops expired and empty grants; sorts the rest soonest-expiring first. */
export function liveBonus(bonus: readonly BonusGrant[], now: Date): BonusGrant[] {
  return bonus
    .filter((g) => g.amount > 0 && Date.parse(g.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.ref.localeCompare(b.ref));
}

export function bonusTotal(bonus: readonly BonusGrant[], now: Date): number {
  return liveBonus(bonus, now).reduce((sum, g) => sum + g.amount, 0);
}

export type DebitResult =
  | { ok: true; balance: CoinBalance; fromBonus: number; fromCoins: number }
  | { ok: false; shortBy: number };

/** Takes `price` coins, soonest-expiring bonus first; refuses (never goes below zero) if short. */
export function debitCoins(balance: CoinBalance, price: number, now: Date): DebitResult {
  if (!Number.isInteger(price) || price < 0) throw new RangeError(`price must be a whole number of coins, got ${price}`);
  const bonus = liveBonus(balance.bonus, now);
  const available = balance.coins + bonus.reduce((sum, g) => sum + g.amount, 0);
  if (available < price) return { ok: false, shortBy: price - available };
  let left = price;
  const after: BonusGrant[] = [];
  for (const grant of bonus) {
    const take = Math.min(grant.amount, left);
    left -= take;
    if (grant.amount - take > 0) after.push({ ...grant, amount: grant.amount - take });
  }
  return { ok: true, balance: { coins: balance.coins - left, bonus: after }, fromBonus: price - left, fromCoins: left };
}
