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
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

export interface Figures {
  funnel: FunnelOutput;
  revenue: RevenueOutput;
  reminders: RemindersOutput;
  retention: RetentionOutput;
}

/** GET /admin/figures/{name} for all four figures over the same days. */
export async function getFigures(from: string, to: string): Promise<Figures> {
  const q = `?from=${from}&to=${to}`;
  const [funnel, revenue, reminders, retention] = await Promise.all([
    adminRequest(`/admin/figures/funnel${q}`, { schema: funnelOutputSchema }),
    adminRequest(`/admin/figures/revenue${q}`, { schema: revenueOutputSchema }),
    adminRequest(`/admin/figures/reminders${q}`, { schema: remindersOutputSchema }),
    adminRequest(`/admin/figures/retention${q}`, { schema: retentionOutputSchema }),
  ]);
  return { funnel, revenue, reminders, retention };
}

export const useFigures = (from: string, to: string, refresh: number) => useAsync(() => getFigures(from, to), [from, to, refresh]);
