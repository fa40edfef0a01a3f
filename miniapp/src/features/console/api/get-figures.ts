import {
  funnelOutputSchema,
  remindersOutputSchema,
  retentionOutputSchema,
  revenueOutputSchema,
  type FunnelOutput,
  type RemindersOutput,
  type RetentionOutput,
  type RevenueOutput,
} from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';
import { operatorToken } from '../operator-session';

export interface Figures {
  funnel: FunnelOutput;
  revenue: RevenueOutput;
  reminders: RemindersOutput;
  retention: RetentionOutput;
}

/** GET /admin/figures/{name} for all four figures over the same days. */
export async function getFigures(from: string, to: string): Promise<Figures> {
  const q = `?from=${from}&to=${to}`;
  const bearer = operatorToken();
  const [funnel, revenue, reminders, retention] = await Promise.all([
    apiRequest(`/admin/figures/funnel${q}`, { schema: funnelOutputSchema, bearer }),
    apiRequest(`/admin/figures/revenue${q}`, { schema: revenueOutputSchema, bearer }),
    apiRequest(`/admin/figures/reminders${q}`, { schema: remindersOutputSchema, bearer }),
    apiRequest(`/admin/figures/retention${q}`, { schema: retentionOutputSchema, bearer }),
  ]);
  return { funnel, revenue, reminders, retention };
}

export const useFigures = (from: string, to: string, refresh: number) => useAsync(() => getFigures(from, to), [from, to, refresh]);
