import { latestTraces } from '../domain/forensics/traces';
import { json, route } from '../lib/http';
import { traceStore } from '../wiring/trace-ports';

/** The latest recorded traces, newest first. */
export const handler = route({ auth: 'operator' }, async () => json(200, await latestTraces({ traces: traceStore() }), { 'cache-control': 'no-store' }));
