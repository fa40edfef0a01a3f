import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../lib/config';
import { logger } from '../lib/logger';

let lambda: LambdaClient | undefined;

/**
 * Starts a function asynchronously (InvocationType Event): the request that needs the work (an
 * episode's ingest, a publish job, a trace) answers at once. Locally serverless-offline takes the
 * same call on its Lambda port. Throws when the invocation was not accepted.
 */
export async function startFunction(functionName: string, payload: unknown): Promise<void> {
  const c = config();
  lambda ??= new LambdaClient({ region: c.region, ...(c.lambdaEndpoint ? { endpoint: c.lambdaEndpoint } : {}) });
  await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
}

/**
 * startFunction for work a schedule also finds (ingest, publish jobs): a lost invocation costs only
 * time, so it is logged, not thrown.
 */
export async function invokeAsync(functionName: string, payload: Record<string, unknown>): Promise<void> {
  try {
    await startFunction(functionName, payload);
  } catch (error) {
    logger.warn('asynchronous invocation not started: the schedule takes it up', { functionName, error: (error as Error).message });
  }
}
