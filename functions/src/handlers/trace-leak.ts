import { z } from 'zod';
import { traceCopy } from '../domain/forensics/trace';
import { runTrace } from '../domain/forensics/traces';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { fetchSuspect, tracePorts } from '../wiring/forensics-ports';
import { clock } from '../wiring/ports';
import { traceStore } from '../wiring/trace-ports';

const traceRequestSchema = z.object({ traceId: z.string().min(1).max(40) }).strict();

/**
 * Invoked asynchronously for a recorded trace: fetches the suspect file, traces it and records the
 * result or the failure (a trace that cannot read the file fails with the reason, shown on the
 * console). Never throws: locally an asynchronous invocation that throws takes serverless-offline down.
 */
export const handler = job(async (event: unknown): Promise<{ status: string }> => {
  const parsed = traceRequestSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('trace event refused', { issues: parsed.error.issues });
    return { status: 'refused' };
  }
  try {
    const trace = await runTrace(parsed.data.traceId, fetchSuspect, { traces: traceStore(), trace: (file) => traceCopy(file, tracePorts()), now: clock });
    return { status: trace.status };
  } catch (error) {
    logger.error('trace failed', { traceId: parsed.data.traceId, error: (error as Error).message });
    return { status: 'failed' };
  }
});
