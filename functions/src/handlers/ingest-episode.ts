import { ingestEpisode, ingestStale } from '../domain/media/burn-in';
import { logger } from '../lib/logger';
import { ingestPorts } from '../lib/ingest-ports';

/**
 * Runs an episode's ingest (invoked asynchronously with `{seriesId, index}` once an upload is saved
 * or the licence changed), or, scheduled, finishes the ones a crash or a failure left (after 5
 * minutes). Never throws: the schedule retries.
 */
export async function handler(event: { seriesId?: unknown; index?: unknown } | undefined): Promise<{ outcome: string }> {
  try {
    if (typeof event?.seriesId === 'string' && Number.isInteger(event.index)) return { outcome: await ingestEpisode(event.seriesId, event.index as number, ingestPorts) };
    return { outcome: `${await ingestStale(ingestPorts, 5 * 60_000)} stale ingests run again` };
  } catch (error) {
    logger.error('ingest failed: the schedule runs it again', { event, error: (error as Error).message });
    return { outcome: 'failed' };
  }
}
