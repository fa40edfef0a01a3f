import { z } from 'zod';
import { precomputeBranches } from '../domain/scenes/scene';
import { logger } from '../lib/logger';
import { scenePorts } from '../lib/scene-ports';

const eventSchema = z.object({
  sceneId: z.string(),
  seed: z.number().int().nonnegative(),
  step: z.number().int().nonnegative(),
  window: z.array(z.array(z.number().int().nonnegative()).min(1)).min(1),
});

/** Invoked asynchronously after each frame: the next frame for all 8 actions, in one batch. */
export async function handler(event: unknown): Promise<{ stored: boolean }> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('precompute event refused', { issues: parsed.error.issues });
    return { stored: false };
  }
  const stored = await precomputeBranches(parsed.data, scenePorts);
  return { stored };
}
