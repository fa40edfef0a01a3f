import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../lib/config';

let lambda: LambdaClient | undefined;

/**
 * Starts a long job as an asynchronous invocation of its own function (the episode ingest, a trace),
 * so the request that asked for it answers at once. Locally serverless-offline takes the same call on
 * its Lambda port.
 */
export async function invokeAsync(functionName: string, payload: unknown): Promise<void> {
  const c = config();
  lambda ??= new LambdaClient({ region: c.region, ...(c.lambdaEndpoint ? { endpoint: c.lambdaEndpoint } : {}) });
  await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
}
