import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { PrecomputeRequest } from '../domain/scenes/scene';
import { config } from '../lib/config';
import { logger } from '../lib/logger';

let lambda: LambdaClient | undefined;

/**
 * Starts a scene's next 8-branch batch as an asynchronous invocation of `precomputeScene`, so the
 * press that triggered it returns at once (a Lambda cannot work on after it has answered).
 * Locally serverless-offline takes the same call on its Lambda port.
 */
export async function startPrecompute(request: PrecomputeRequest): Promise<void> {
  const c = config();
  lambda ??= new LambdaClient({ region: c.region, ...(c.lambdaEndpoint ? { endpoint: c.lambdaEndpoint } : {}) });
  try {
    await lambda.send(new InvokeCommand({ FunctionName: c.precomputeFunction, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(request)) }));
  } catch (error) {
    // Without the batch the next press computes its one frame itself: slower, never wrong.
    logger.warn('precompute not started', { sceneId: request.sceneId, error: (error as Error).message });
  }
}
