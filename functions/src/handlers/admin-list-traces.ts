import { json, route } from '../lib/http';
import { traceStore } from '../wiring/trace-ports';

/** The latest recorded traces, newest first. */
export const handler = route({ auth: 'operator' }, async () => json(200, { items: await traceStore().latest(20) }, { 'cache-control': 'no-store' }));
