import { ledgerOutputSchema, type LedgerOutput } from '@drama/shared/ledger';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** GET /me/ledger: the caller's coin ledger, newest first, and this month's spend. */
export const getLedger = (): Promise<LedgerOutput> => apiRequest('/me/ledger', { schema: ledgerOutputSchema });

export const useGetLedger = () => useAsync(getLedger, []);
