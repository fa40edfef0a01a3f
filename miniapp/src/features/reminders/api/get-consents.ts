import type { Platform } from '@drama/shared/auth';
import { consentsOutputSchema, type ConsentsOutput } from '@drama/shared/reminders';
import { apiRequest } from '@/lib/api-client';

/** GET /me/consents: per reminder kind, what the user allowed and the template id to ask this platform for. */
export const getConsents = (platform: Platform): Promise<ConsentsOutput> =>
  apiRequest(`/me/consents?platform=${platform}`, { schema: consentsOutputSchema });
