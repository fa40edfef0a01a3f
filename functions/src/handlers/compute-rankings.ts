import { refreshRankings } from '../domain/discovery/rankings';
import { logger } from '../lib/logger';
import { refreshRankingsPorts } from '../wiring/community-ports';

/** Scheduled (serverless.yml): every ranking from the last two days of the event stream, one item each. */
export const handler = async () => {
  const sizes = await refreshRankings(refreshRankingsPorts);
  logger.info('rankings computed', sizes);
  return sizes;
};
