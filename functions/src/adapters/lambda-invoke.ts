import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../lib/config';
import { logger } from '../lib/logger';

let lambda: LambdaClient | undefined;

/**
 * Starts a function asynchronously (InvocationType Event): the request that needs the work answers at
 * once. Locally serverless-offline takes the same call on its Lambda port. A lost invocation costs only
 * time: the functions invoked this way also run on a schedule that finds what is left to do.
 */
export async function invokeAsync(functionName: string, payload: Record<string, unknown>): Promise<void> {
  const c = config();
  lambda ??= new LambdaClient({ region: c.region, ...(c.lambdaEndpoint ? { endpoint: c.lambdaEndpoint } : {}) });
  try {
    await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
  } catch (error) {
    logger.warn('asynchronous invocation not started: the schedule takes it up', { functionName, error: (error as Error).message });
  }
}
