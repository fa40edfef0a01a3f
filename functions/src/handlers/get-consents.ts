import { consentView } from '../domain/reminders/consents';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';

export const handler = route({ auth: 'required' }, async ({ caller, event }) => {
  const platform = event.queryStringParameters?.platform;
  return json(200, { items: consentView(await consents.get(caller.userId), templateIdsFor(platform)) }, { 'cache-control': 'no-store' });
});
