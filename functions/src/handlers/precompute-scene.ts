import { precomputeBranches, precomputeRequestSchema } from '../domain/scenes/scene';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { scenePorts } from '../wiring/scene-ports';

/**
 * Invoked asynchronously after each frame: the next frame for all 8 actions, in one batch.
 *
 * A failure (the endpoint down or slow, a refused write) is logged and not thrown: a batch is only a
 * head start, and the press that finds none computes its frame (slower, never wrong), while a retry
 * would come a minute later, for a step the viewer has left (serverless.yml gives it no retries).
 * Locally an asynchronous invocation that throws also takes serverless-offline down with it.
 */
export const handler = job(async (event: unknown): Promise<{ stored: boolean }> => {
  const parsed = precomputeRequestSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('precompute event refused', { issues: parsed.error.issues });
    return { stored: false };
  }
  const { sceneId, step } = parsed.data;
  try {
    return { stored: await precomputeBranches(parsed.data, scenePorts) };
  } catch (error) {
    logger.error('precompute failed: the next press computes its frame', { sceneId, step, error: (error as Error).message });
    return { stored: false };
  }
});
