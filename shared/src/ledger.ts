import { z } from 'zod';
import { shanghaiDate } from './calendar';

/** GET /me/ledger: every change to the caller's wallet, newest first, and what this month cost. */
export const ledgerEntrySchema = z.object({
  opId: z.string(),
  /** unlock, purchase, refund, checkin, renewal, membership, series, ad (an ad-watch unlock). */
  reason: z.string(),
  ref: z.string(),
  at: z.string(),
  coinsBefore: z.number().int(),
  coinsAfter: z.number().int(),
  bonusBefore: z.number().int(),
  bonusAfter: z.number().int(),
  note: z.string().optional(),
  /** The money the order behind this row moved (purchases, series, memberships, renewals, refunds). */
  amountFen: z.number().int().nonnegative().optional(),
});
export type LedgerEntryView = z.infer<typeof ledgerEntrySchema>;

export const monthSpendSchema = z.object({
  /** The Shanghai calendar month, YYYY-MM. */
  month: z.string(),
  /** Money paid this month, refunds taken off. */
  fen: z.number().int(),
  /** Coins (bonus included) spent on episodes this month. */
  coins: z.number().int().nonnegative(),
});
export type MonthSpend = z.infer<typeof monthSpendSchema>;

export const ledgerOutputSchema = z.object({ items: z.array(ledgerEntrySchema), month: monthSpendSchema });
export type LedgerOutput = z.infer<typeof ledgerOutputSchema>;

const paidReasons = new Set(['purchase', 'series', 'membership', 'renewal']);

/** This Shanghai month's spend from the ledger rows: money by the orders' amounts, coins by unlock debits. */
export function monthSpend(entries: ReadonlyArray<Pick<LedgerEntryView, 'reason' | 'at' | 'coinsBefore' | 'coinsAfter' | 'bonusBefore' | 'bonusAfter' | 'amountFen'>>, now: Date): MonthSpend {
  const month = shanghaiDate(now).slice(0, 7);
  let fen = 0;
  let coins = 0;
  for (const e of entries) {
    if (shanghaiDate(new Date(e.at)).slice(0, 7) !== month) continue;
    if (paidReasons.has(e.reason)) fen += e.amountFen ?? 0;
    if (e.reason === 'refund') fen -= e.amountFen ?? 0;
    if (e.reason === 'unlock') coins += Math.max(0, e.coinsBefore + e.bonusBefore - (e.coinsAfter + e.bonusAfter));
  }
  return { month, fen, coins };
}
