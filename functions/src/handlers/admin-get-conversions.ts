import { conversionsQuerySchema } from '@drama/shared/admin';
import { BadRequest } from '../domain/errors';
import { json, route } from '../lib/http';
import { conversions } from '../wiring/admin-ports';

/** What was reported to the ad platform for one click: each conversion, its state and every attempt's result. */
export const handler = route({ auth: 'operator' }, async ({ event }) => {
  const parsed = conversionsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new BadRequest('give ?clickid=');
  return json(200, { items: await conversions.ofClick(parsed.data.clickid) }, { 'cache-control': 'no-store' });
});
