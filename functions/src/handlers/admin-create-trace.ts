import { createTraceInputSchema } from '@drama/shared/forensics';
import { startTrace } from '../domain/forensics/traces';
import { json, route } from '../lib/http';
import { clock } from '../wiring/ports';
import { startTraceJob, traceStore } from '../wiring/trace-ports';

/** Records a trace of an uploaded suspect file and starts it; the console polls GET /admin/traces/{traceId}. */
export const handler = route({ auth: 'operator', body: createTraceInputSchema }, async ({ body }) =>
  json(202, await startTrace(body.key, { traces: traceStore(), start: startTraceJob, now: clock })),
);
