import type { TraceResult } from '@drama/shared/forensics';
import { traceCopy } from '../domain/forensics/trace';
import { runTrace } from '../domain/forensics/traces';
import { tracePorts } from './forensics-ports';
import { clock } from './ports';
import { traceStore } from './trace-ports';

/** Traces a local file and records the trace (key `local:<path>`), as `npm run trace` does. */
export async function traceFile(file: string): Promise<TraceResult> {
  const traces = traceStore();
  const { traceId } = await traces.create(`local:${file}`, clock());
  const trace = await runTrace(traceId, async () => ({ file, done: async () => undefined }), { traces, trace: (f) => traceCopy(f, tracePorts()), now: clock });
  if (trace.status !== 'done' || !trace.result) throw new Error(`the trace failed: ${trace.error ?? trace.status}`);
  return trace.result;
}
