import { traceIdParamsSchema } from '@drama/shared/forensics';
import { getTrace } from '../domain/forensics/traces';
import { json, route } from '../lib/http';
import { traceStore } from '../wiring/trace-ports';

/** One recorded trace: pending, or what it found with its evidence. */
export const handler = route({ auth: 'operator', params: traceIdParamsSchema }, async ({ params }) =>
  json(200, await getTrace(params.traceId, traceStore()), { 'cache-control': 'no-store' }),
);
