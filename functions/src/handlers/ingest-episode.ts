import { z } from 'zod';
import { runIngest } from '../domain/media/ingest';
import { ingestPorts } from '../lib/forensics-ports';
import { logger } from '../lib/logger';

const ingestRequestSchema = z.object({ seriesId: z.string().min(1), episode: z.number().int().positive(), sourceKey: z.string().regex(/^media\//) }).strict();

/**
 * Invoked asynchronously after an operator saves an episode with new media: runs (or re-drives) the
 * episode's ingest job. A failure is logged, not thrown (locally an asynchronous invocation that throws
 * takes serverless-offline down): saving the episode again re-drives the job, and steps already
 * recorded are skipped. Until the HLS step is recorded the paid episode plays as its MP4 with the
 * viewer's code drawn over it.
 */
export async function handler(event: unknown): Promise<{ finished: boolean }> {
  const parsed = ingestRequestSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('ingest event refused', { issues: parsed.error.issues });
    return { finished: false };
  }
  try {
    const { finished } = await runIngest(parsed.data, ingestPorts());
    return { finished };
  } catch (error) {
    logger.error('ingest failed: save the episode again to re-drive it', { ...parsed.data, error: (error as Error).message });
    return { finished: false };
  }
}
