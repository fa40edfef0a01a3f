import { ingestStale } from '../domain/media/burn-in';
import { ingestEpisode } from '../domain/media/episode-ingest';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { episodeIngestPorts } from '../wiring/episode-ingest-ports';
import { ingestPorts } from '../wiring/ingest-ports';

/**
 * Runs an episode's ingest (invoked asynchronously with `{seriesId, index}` once an upload is saved
 * or the licence changed): burn-in, preview, marked HLS (domain/media/episode-ingest.ts). Scheduled,
 * it finishes the burn-ins a crash or a failure left (after 5 minutes); `ingestMedia` does the same
 * for previews. Never throws: locally an asynchronous invocation that throws takes
 * serverless-offline down, and the schedule (or saving the episode again) re-drives the job.
 */
export const handler = job(async (event: { seriesId?: unknown; index?: unknown } | undefined): Promise<{ outcome: string }> => {
  try {
    if (typeof event?.seriesId === 'string' && Number.isInteger(event.index)) return { outcome: await ingestEpisode(event.seriesId, event.index as number, episodeIngestPorts()) };
    return { outcome: `${await ingestStale(ingestPorts, 5 * 60_000)} stale ingests run again` };
  } catch (error) {
    logger.error('ingest failed: the schedule runs it again', { event, error: (error as Error).message });
    return { outcome: 'failed' };
  }
});
