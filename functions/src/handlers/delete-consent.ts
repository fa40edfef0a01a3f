import { consentKindParamsSchema } from '@drama/shared/reminders';
import { clearKind, consentView } from '../domain/reminders/consents';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';
import { clock, events } from '../wiring/ports';

/** Withdraws a kind: nothing of it is sent any more, until the user accepts it again. */
export const handler = route({ auth: 'required', params: consentKindParamsSchema }, async ({ caller, params, event }) => {
  const ledger = await consents.update(caller.userId, (current) => {
    const next = clearKind(current, params.kind, 'withdrawn', clock());
    return { ledger: next, result: next };
  });
  await events.record({ kind: 'consent_opted_out', userId: caller.userId, reminderKind: params.kind });
  return json(200, { items: consentView(ledger, templateIdsFor(event.queryStringParameters?.platform)) });
});
