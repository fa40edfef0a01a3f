import { ingestCatalog } from '../domain/media/preview';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { ingestPorts, wholeCatalog } from '../wiring/media-ports';

/** Scheduled: runs the ingest job of every episode whose media is new or whose outputs are out of date. */
export const handler = job(async () => {
  const counts = await ingestCatalog(await wholeCatalog(), ingestPorts);
  logger.info('ingest run', counts);
  return counts;
});
