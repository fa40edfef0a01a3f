import { postConsentsInputSchema, type ReminderKind } from '@drama/shared/reminders';
import { consentView, recordResults } from '../domain/reminders/consents';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';
import { clock, events } from '../wiring/ports';

/** What the user answered in the platform's subscribe dialog, per kind. */
export const handler = route({ auth: 'required', body: postConsentsInputSchema }, async ({ caller, body }) => {
  const ledger = await consents.update(caller.userId, (current) => {
    const next = recordResults(current, body.results, clock());
    return { ledger: next, result: next };
  });
  await Promise.all(
    Object.entries(body.results).map(([kind, answer]) =>
      events.record({ kind: answer === 'accept' ? 'consent_accepted' : 'consent_opted_out', userId: caller.userId, reminderKind: kind as ReminderKind }),
    ),
  );
  return json(200, { items: consentView(ledger, templateIdsFor(body.platform)) });
});
