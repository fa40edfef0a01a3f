import { progressOutputSchema, type ProgressInput, type ProgressOutput } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';

/** PUT /progress: the resume point. `saved: false` when the server dropped a save too soon after the last. */
export const saveProgress = (input: ProgressInput): Promise<ProgressOutput> =>
  apiRequest('/progress', { method: 'PUT', data: input, schema: progressOutputSchema });
