import { postConsentsInputSchema } from '@drama/shared/reminders';
import { answerConsents } from '../domain/reminders/consent-answers';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';
import { clock, events } from '../wiring/ports';

/** What the user answered in the platform's subscribe dialog, per kind. */
export const handler = route({ auth: 'required', body: postConsentsInputSchema }, async ({ caller, body }) =>
  json(200, await answerConsents(caller.userId, body.results, body.platform, { consents, events, templateIdsFor, now: clock })),
);
