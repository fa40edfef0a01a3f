import { historyOutputSchema, type HistoryOutput } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** GET /me/history: where each series was left (one item a series), newest first. */
export const getHistory = (): Promise<HistoryOutput> => apiRequest('/me/history', { schema: historyOutputSchema });
