import type { ProgressInput } from '@drama/shared/habits';
import { apiRequest } from '@/lib/api-client';
import { guardSchema, isRecord } from '@/lib/guard-schema';

/** The shared contract has no schema for this answer yet (`{saved}`). */
const savedSchema = guardSchema('a progress answer', (v): v is { saved: boolean } => isRecord(v) && typeof v.saved === 'boolean');

/** PUT /progress: the resume point. `saved: false` when the server dropped a save too soon after the last. */
export const saveProgress = (input: ProgressInput): Promise<{ saved: boolean }> =>
  apiRequest('/progress', { method: 'PUT', data: input, schema: savedSchema });
