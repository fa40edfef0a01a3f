import { figuresParamsSchema } from '@drama/shared/admin';
import { figuresOf } from '../domain/events/figures-query';
import { json, route } from '../lib/http';
import { clock, eventReader } from '../wiring/ports';

/** The operator's figures over whole Shanghai days (default: the last 14), computed from the event stream. */
export const handler = route({ auth: 'operator', params: figuresParamsSchema }, async ({ params, event }) =>
  json(200, await figuresOf(params.name, event.queryStringParameters ?? {}, { events: eventReader, now: clock }), { 'cache-control': 'no-store' }),
);
