import { refreshRankings } from '../domain/discovery/rankings';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { refreshRankingsPorts } from '../wiring/community-ports';

/** Scheduled (serverless.yml): every ranking from the last two days of the event stream, one item each. */
export const handler = job(async () => {
  const sizes = await refreshRankings(refreshRankingsPorts);
  logger.info('rankings computed', sizes);
  return sizes;
});
