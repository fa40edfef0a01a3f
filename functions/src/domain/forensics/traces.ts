import type { Trace, TraceResult } from '@drama/shared/forensics';
import { NotFound } from '../errors';

/**
 * Traces as operators run them: every trace is recorded (who ran it is the operator; what was found,
 * with its evidence, stays with it). The console uploads a suspect file and starts a trace, which
 * runs as its own invocation (decoding and reading take seconds, longer than an HTTP answer should);
 * the console polls it. `npm run trace` records its runs the same way.
 */

export interface TraceStore {
  create(key: string, now: Date): Promise<Trace>;
  /** Settles a pending trace once; false if it was settled already (a retried invocation). */
  finish(traceId: string, outcome: { result: TraceResult } | { error: string }, now: Date): Promise<boolean>;
  get(traceId: string): Promise<Trace | undefined>;
  latest(limit: number): Promise<Trace[]>;
}

export interface TraceRunPorts {
  traces: TraceStore;
  /** Traces a local copy of the suspect file. */
  trace(file: string): Promise<TraceResult>;
  now: () => Date;
}

/** Records a trace of `key` and starts it (asynchronously); the console polls getTrace. */
export async function startTrace(key: string, ports: { traces: TraceStore; start(traceId: string): Promise<void>; now: () => Date }): Promise<Trace> {
  const trace = await ports.traces.create(key, ports.now());
  await ports.start(trace.traceId);
  return trace;
}

/** Runs a recorded trace on a local copy of its file (`fetch` brings it), and records what it found. */
export async function runTrace(traceId: string, fetch: (key: string) => Promise<{ file: string; done(): Promise<void> }>, ports: TraceRunPorts): Promise<Trace> {
  const trace = await ports.traces.get(traceId);
  if (!trace) throw new NotFound(`no trace ${traceId}`);
  if (trace.status !== 'pending') return trace;
  let outcome: { result: TraceResult } | { error: string };
  try {
    const local = await fetch(trace.key);
    try {
      outcome = { result: await ports.trace(local.file) };
    } finally {
      await local.done();
    }
  } catch (error) {
    outcome = { error: (error as Error).message.slice(0, 500) };
  }
  await ports.traces.finish(traceId, outcome, ports.now());
  return (await ports.traces.get(traceId))!;
}

export async function getTrace(traceId: string, traces: TraceStore): Promise<Trace> {
  const trace = await traces.get(traceId);
  if (!trace) throw new NotFound(`no trace ${traceId}`);
  return trace;
}

/** GET /admin/traces: the latest recorded traces, newest first. */
export async function latestTraces(ports: { traces: TraceStore }): Promise<{ items: Trace[] }> {
  return { items: await ports.traces.latest(20) };
}
