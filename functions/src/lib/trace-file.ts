import type { TraceResult } from '@drama/shared/forensics';
import { documentClient } from '../adapters/dynamodb';
import { dynamoTraces } from '../adapters/dynamodb-traces';
import { traceCopy } from '../domain/forensics/trace';
import { runTrace, type TraceStore } from '../domain/forensics/traces';
import { config } from './config';
import { tracePorts } from './forensics-ports';
import { clock } from './ports';

let store: TraceStore | undefined;
export const traceStore = () => (store ??= dynamoTraces(documentClient(), config().tableName));

/** Traces a local file and records the trace (key `local:<path>`), as `npm run trace` does. */
export async function traceFile(file: string): Promise<TraceResult> {
  const traces = traceStore();
  const { traceId } = await traces.create(`local:${file}`, clock());
  const trace = await runTrace(traceId, async () => ({ file, done: async () => undefined }), { traces, trace: (f) => traceCopy(f, tracePorts()), now: clock });
  if (trace.status !== 'done' || !trace.result) throw new Error(`the trace failed: ${trace.error ?? trace.status}`);
  return trace.result;
}
