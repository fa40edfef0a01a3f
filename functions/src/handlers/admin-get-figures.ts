import { figuresParamsSchema, figuresQuerySchema } from '@drama/shared/admin';
import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { BadRequest } from '../domain/errors';
import { funnel, reminders, retention, revenue } from '../domain/events/figures';
import { json, route } from '../lib/http';
import { clock, eventReader } from '../wiring/ports';

/** The operator's figures over whole Shanghai days (default: the last 14), computed from the event stream. */
export const handler = route({ auth: 'operator', params: figuresParamsSchema }, async ({ params, event }) => {
  const now = clock();
  const q = event.queryStringParameters ?? {};
  const parsed = figuresQuerySchema.safeParse({ from: q.from ?? shanghaiDate(addDays(now, -13)), to: q.to ?? shanghaiDate(now) });
  if (!parsed.success) throw new BadRequest(`invalid query: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const { from, to } = parsed.data;
  const stream = await eventReader.between(from, to);
  const figures = {
    funnel: () => funnel(stream),
    revenue: () => revenue(stream, from, to),
    reminders: () => reminders(stream),
    retention: () => retention(stream),
  }[params.name]();
  return json(200, { from, to, ...figures }, { 'cache-control': 'no-store' });
});
