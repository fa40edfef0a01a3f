import { z } from 'zod';
import { precomputeBranches } from '../domain/scenes/scene';
import { logger } from '../lib/logger';
import { scenePorts } from '../lib/scene-ports';

const eventSchema = z.object({ sceneId: z.string(), step: z.number().int().nonnegative() });

/** Invoked asynchronously after each frame: the next frame for all 8 actions, in one batch. */
export async function handler(event: unknown): Promise<{ stored: boolean }> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('precompute event refused', { issues: parsed.error.issues });
    return { stored: false };
  }
  const stored = await precomputeBranches(parsed.data.sceneId, parsed.data.step, scenePorts);
  return { stored };
}
