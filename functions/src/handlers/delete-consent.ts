import { consentKindParamsSchema } from '@drama/shared/reminders';
import { withdrawConsent } from '../domain/reminders/consent-answers';
import { json, route } from '../lib/http';
import { templateIdsFor } from '../lib/templates';
import { consents } from '../wiring/consent-ports';
import { clock, events } from '../wiring/ports';

/** Withdraws a kind: nothing of it is sent any more, until the user accepts it again. */
export const handler = route({ auth: 'required', params: consentKindParamsSchema }, async ({ caller, params, event }) =>
  json(200, await withdrawConsent(caller.userId, params.kind, event.queryStringParameters?.platform, { consents, events, templateIdsFor, now: clock })),
);
