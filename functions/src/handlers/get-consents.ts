import { consentsOf } from '../domain/reminders/consent-answers';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';

export const handler = route({ auth: 'required' }, async ({ caller, event }) =>
  json(200, await consentsOf(caller.userId, event.queryStringParameters?.platform, { consents, templateIdsFor }), { 'cache-control': 'no-store' }),
);
