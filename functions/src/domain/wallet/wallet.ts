import { bonusTotal, liveBonus, type BonusGrant } from '@drama/shared/coins';
import type { Holdings } from '@drama/shared/entitlement';
import { monthSpend, type LedgerOutput } from '@drama/shared/ledger';
import { chargeAtOf, isMembershipActive, membershipProduct } from '@drama/shared/membership';
import type { MembershipPlan, ProductCatalog } from '@drama/shared/products';
import type { WalletOutput } from '@drama/shared/wallet';

/**
 * A user's wallet: one item that holds everything money buys (coin balances, unlocked episodes,
 * owned series, membership). Every change is one conditional write of this item, idempotent by an
 * operation id, and carries its ledger row with it (see WalletStore).
 */
export interface Membership {
  plan: MembershipPlan;
  expiresAt: string;
  /** The Shanghai day of the month renewals return to (see shared/membership.ts). */
  anchorDay: number;
  autoRenew: boolean;
  /** The order that last paid for it; a refund of that order revokes the period it bought. */
  orderId: string;
  /** When the period bought by `orderId` started (a refund cuts the membership back to here). */
  periodStartsAt: string;
  /** Where it was bought: renewals are charged there (WeChat's signed ones by wechat-signing.ts). */
  platform?: string;
}

export interface Wallet {
  userId: string;
  version: number;
  coins: number;
  bonus: BonusGrant[];
  unlocked: Set<string>;
  seriesOwned: Set<string>;
  membership: Membership | null;
  /** Daily check-in: the last Shanghai date, the streak then, and the recent dates (for the week strip). */
  checkin: { lastDate: string; streak: number; recent: string[] } | null;
}

export const emptyWallet = (userId: string): Wallet => ({
  userId,
  version: 0,
  coins: 0,
  bonus: [],
  unlocked: new Set(),
  seriesOwned: new Set(),
  membership: null,
  checkin: null,
});

export type LedgerReason = 'unlock' | 'purchase' | 'refund' | 'checkin' | 'renewal' | 'membership' | 'series' | 'ad';

/** One ledger row: what changed, why, and the balances on either side. */
export interface LedgerEntry {
  opId: string;
  reason: LedgerReason;
  ref: string;
  at: string;
  coinsBefore: number;
  coinsAfter: number;
  bonusBefore: number;
  bonusAfter: number;
  note?: string;
  /** The money the order behind the change moved (purchases, series, memberships, renewals, refunds). */
  amountFen?: number;
}

export interface WalletChange {
  wallet: Wallet;
  reason: LedgerReason;
  ref: string;
  note?: string;
  amountFen?: number;
}

export interface WalletStore {
  get(userId: string): Promise<Wallet>;
  /**
   * Applies `change` to the current wallet in one conditional write (optimistic on `version`),
   * recording `opId` so a repeat applies nothing; retried on a concurrent write. `change` may throw
   * a domain error to refuse; returning null means "nothing to change".
   */
  apply(userId: string, opId: string, change: (current: Wallet, now: Date) => WalletChange | null): Promise<{ wallet: Wallet; replayed: boolean }>;
  ledger(userId: string): Promise<LedgerEntry[]>;
}

/**
 * The one place a wallet change is decided, for every store: `change` applied to `current` at `at`,
 * refused when it would take a balance below zero, with the ledger row it writes (the balances on
 * either side) and the next version. Null: nothing to change. The store persists exactly this, in one
 * conditional write on `current.version`, once by `opId`.
 */
export function decideChange(
  current: Wallet,
  opId: string,
  change: (current: Wallet, now: Date) => WalletChange | null,
  at: Date,
): { wallet: Wallet; entry: LedgerEntry } | null {
  const result = change(current, at);
  if (!result) return null;
  const next = result.wallet;
  if (next.coins < 0 || next.bonus.some((g) => g.amount < 0)) throw new Error(`wallet change ${opId} would go below zero`);
  const entry: LedgerEntry = {
    opId,
    reason: result.reason,
    ref: result.ref,
    at: at.toISOString(),
    coinsBefore: current.coins,
    coinsAfter: next.coins,
    bonusBefore: bonusTotal(current.bonus, at),
    bonusAfter: bonusTotal(next.bonus, at),
    ...(result.note ? { note: result.note } : {}),
    ...(result.amountFen !== undefined ? { amountFen: result.amountFen } : {}),
  };
  return { wallet: { ...next, version: current.version + 1 }, entry };
}

export function holdingsOf(wallet: Wallet): Holdings {
  return { unlockedEpisodes: wallet.unlocked, seriesOwned: wallet.seriesOwned, membershipExpiresAt: wallet.membership?.expiresAt ?? null };
}

/**
 * The wallet as the app shows it. An auto-renewing membership says when its next charge is made and
 * how much, at the operator's price (`products`; shared/products.ts's defaults when absent).
 */
export function walletView(wallet: Wallet, now: Date, products?: ProductCatalog): WalletOutput {
  const bonus = liveBonus(wallet.bonus, now);
  const active = isMembershipActive(wallet.membership, now) ? wallet.membership : null;
  const renewalFen = (plan: MembershipPlan) => products?.memberships.find((m) => m.plan === plan)?.priceFen ?? membershipProduct(plan).priceFen;
  return {
    coins: wallet.coins,
    bonusCoins: bonusTotal(wallet.bonus, now),
    bonusExpiresAt: bonus[0]?.expiresAt ?? null,
    membership: active
      ? {
          plan: active.plan,
          expiresAt: active.expiresAt,
          autoRenew: active.autoRenew,
          ...(active.autoRenew ? { renewal: { chargeAt: chargeAtOf(active.expiresAt), amountFen: renewalFen(active.plan) } } : {}),
        }
      : null,
    seriesOwned: [...wallet.seriesOwned].sort(),
  };
}

/** GET /me/wallet: the caller's wallet as the app shows it, renewals priced at the operator's prices. */
export async function walletOf(userId: string, ports: { wallets: WalletStore; now: () => Date; products?: () => Promise<ProductCatalog> }): Promise<WalletOutput> {
  const wallet = await ports.wallets.get(userId);
  return walletView(wallet, ports.now(), ports.products && (await ports.products()));
}

/** GET /me/ledger: every row, newest first, and this Shanghai month's spend (shared/ledger.ts). */
export async function ledgerOf(userId: string, ports: { wallets: WalletStore; now: () => Date }): Promise<LedgerOutput> {
  const items = (await ports.wallets.ledger(userId)).sort((a, b) => b.at.localeCompare(a.at));
  return { items, month: monthSpend(items, ports.now()) };
}
