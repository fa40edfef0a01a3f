import { consentsOutputSchema, type ConsentsOutput, type PostConsentsInput } from '@drama/shared/reminders';
import { apiRequest } from '@/lib/api-client';

/** POST /consents: what the user answered in the platform's subscribe dialog, per kind. */
export const postConsents = (input: PostConsentsInput): Promise<ConsentsOutput> =>
  apiRequest('/consents', { method: 'POST', data: input, schema: consentsOutputSchema });
