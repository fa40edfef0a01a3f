import { apiRequest } from '@/lib/api-client';
import { guardSchema, isInt, isRecord } from '@/lib/guard-schema';
import { useAsync } from '@/lib/use-async';

/** One change to the wallet, with both balances on either side (functions' LedgerEntry). */
export interface LedgerEntry {
  opId: string;
  reason: string;
  ref: string;
  at: string;
  coinsBefore: number;
  coinsAfter: number;
  bonusBefore: number;
  bonusAfter: number;
  note?: string;
}
export interface LedgerOutput {
  items: LedgerEntry[];
}

const isEntry = (v: unknown): v is LedgerEntry =>
  isRecord(v) &&
  typeof v.opId === 'string' &&
  typeof v.reason === 'string' &&
  typeof v.ref === 'string' &&
  typeof v.at === 'string' &&
  [v.coinsBefore, v.coinsAfter, v.bonusBefore, v.bonusAfter].every(isInt);

// shared/ has no ledger schema yet: checked by hand until it does.
const ledgerOutputSchema = guardSchema('a ledger', (v): v is LedgerOutput => isRecord(v) && Array.isArray(v.items) && v.items.every(isEntry));

/** GET /me/ledger: the caller's coin ledger, newest first. */
export const getLedger = (): Promise<LedgerOutput> => apiRequest('/me/ledger', { schema: ledgerOutputSchema });

export const useGetLedger = () => useAsync(getLedger, []);
