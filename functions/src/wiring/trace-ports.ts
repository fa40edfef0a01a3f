import { documentClient } from '../adapters/dynamodb';
import { dynamoTraces } from '../adapters/dynamodb-traces';
import { startFunction } from '../adapters/lambda-invoke';
import type { TraceStore } from '../domain/forensics/traces';
import { config } from '../lib/config';

let traces: TraceStore | undefined;
/** Recorded traces (the console's and `npm run trace`'s): listing and starting them needs no mark secret. */
export const traceStore = () => (traces ??= dynamoTraces(documentClient(), config().tableName));

/** Starts a recorded trace as its own invocation (decoding and reading take seconds). */
export const startTraceJob = (traceId: string) => startFunction(config().traceFunction, { traceId });
