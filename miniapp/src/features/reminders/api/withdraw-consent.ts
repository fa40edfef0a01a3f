import { consentsOutputSchema, type ConsentsOutput, type ReminderKind } from '@drama/shared/reminders';
import { apiRequest } from '@/lib/api-client';

/** DELETE /consents/{kind}: the user takes a reminder back; nothing more of that kind is sent. */
export const withdrawConsent = (kind: ReminderKind): Promise<ConsentsOutput> =>
  apiRequest(`/consents/${kind}`, { method: 'DELETE', schema: consentsOutputSchema });
