import { z } from 'zod';

/**
 * What can be bought, in one place. Amounts are integer fen (1 yuan = 100 fen) or whole coins,
 * never floats. The functions price orders from here and the mini-program shows the same numbers.
 */
export const membershipPlans = ['month', 'month_auto', 'year_auto'] as const;
export type MembershipPlan = (typeof membershipPlans)[number];

export interface MembershipProduct {
  plan: MembershipPlan;
  title: string;
  priceFen: number;
  /** Length of one paid period in calendar months. */
  months: number;
  autoRenew: boolean;
}

export const membershipProducts: readonly MembershipProduct[] = [
  { plan: 'month', title: '月卡会员', priceFen: 3000, months: 1, autoRenew: false },
  { plan: 'month_auto', title: '连续包月', priceFen: 2500, months: 1, autoRenew: true },
  { plan: 'year_auto', title: '连续包年', priceFen: 19800, months: 12, autoRenew: true },
];

export interface CoinPack {
  packId: string;
  priceFen: number;
  coins: number;
  /** Bonus coins expire; the number of days they stay spendable after purchase. */
  bonusCoins: number;
  bonusDays: number;
}

export const coinPacks: readonly CoinPack[] = [
  { packId: 'coins-600', priceFen: 600, coins: 600, bonusCoins: 0, bonusDays: 0 },
  { packId: 'coins-3000', priceFen: 3000, coins: 3000, bonusCoins: 300, bonusDays: 30 },
  { packId: 'coins-9800', priceFen: 9800, coins: 9800, bonusCoins: 1500, bonusDays: 30 },
];

/** 1 coin = 1 fen when bought in the smallest pack: the exchange the paywall quotes. */
export const fenPerCoin = 1;

// --- Live prices ---
// The operator sets coin packs and membership prices in the console (stored in DynamoDB); the
// constants above are the defaults until then. Servers price from `liveProducts(stored)` only.

export const coinPackSchema = z
  .object({
    packId: z.string().regex(/^[a-z0-9-]{1,32}$/),
    priceFen: z.number().int().min(1).max(1_000_000),
    coins: z.number().int().min(1).max(1_000_000),
    bonusCoins: z.number().int().min(0).max(1_000_000),
    bonusDays: z.number().int().min(0).max(365),
  })
  .strict();

export const membershipPriceSchema = z.object({ plan: z.enum(membershipPlans), priceFen: z.number().int().min(1).max(10_000_000) }).strict();

export const membershipProductSchema = z.object({
  plan: z.enum(membershipPlans),
  title: z.string(),
  priceFen: z.number().int().positive(),
  months: z.number().int().positive(),
  autoRenew: z.boolean(),
});

/** GET /products, and GET and PUT /admin/products: the coin packs and membership plans on sale. */
export const productsOutputSchema = z.object({
  // An answer may carry fields added later (API.md): strip them rather than refuse the answer.
  coinPacks: z.array(coinPackSchema.strip()),
  memberships: z.array(membershipProductSchema),
});
export type ProductsOutput = z.infer<typeof productsOutputSchema>;

export interface ProductCatalog {
  coinPacks: readonly CoinPack[];
  memberships: readonly MembershipProduct[];
}

/** The products on sale: the operator's stored values over the defaults (plans keep their terms). */
export function liveProducts(stored?: { coinPacks?: readonly CoinPack[]; memberships?: ReadonlyArray<{ plan: MembershipPlan; priceFen: number }> }): ProductCatalog {
  const prices = new Map((stored?.memberships ?? []).map((m) => [m.plan, m.priceFen]));
  return {
    coinPacks: stored?.coinPacks?.length ? stored.coinPacks : coinPacks,
    memberships: membershipProducts.map((m) => ({ ...m, priceFen: prices.get(m.plan) ?? m.priceFen })),
  };
}
