import { figuresQuerySchema, type figureNames, type FunnelOutput, type RemindersOutput, type RetentionOutput, type RevenueOutput } from '@drama/shared/admin';
import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { BadRequest } from '../errors';
import type { EventReader } from './events';
import { funnel, reminders, retention, revenue } from './figures';

type Figures = FunnelOutput | RevenueOutput | RemindersOutput | RetentionOutput;

/**
 * GET /admin/figures/{name}: one figure over whole Shanghai days, `from`..`to` (default: the last 14
 * days to today), computed from the event stream of those days.
 */
export async function figuresOf(
  name: (typeof figureNames)[number],
  query: { from?: string; to?: string },
  ports: { events: EventReader; now: () => Date },
): Promise<{ from: string; to: string } & Figures> {
  const now = ports.now();
  const parsed = figuresQuerySchema.safeParse({ from: query.from ?? shanghaiDate(addDays(now, -13)), to: query.to ?? shanghaiDate(now) });
  if (!parsed.success) throw new BadRequest(`invalid query: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const { from, to } = parsed.data;
  const stream = await ports.events.between(from, to);
  const figures = {
    funnel: () => funnel(stream),
    revenue: () => revenue(stream, from, to),
    reminders: () => reminders(stream),
    retention: () => retention(stream),
  }[name]();
  return { from, to, ...figures };
}
