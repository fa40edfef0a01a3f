import { refreshRankings } from '../domain/discovery/rankings';
import { refreshRankingsPorts } from '../lib/community-ports';
import { logger } from '../lib/logger';

/** Scheduled (serverless.yml): every ranking from the last two days of the event stream, one item each. */
export const handler = async () => {
  const sizes = await refreshRankings(refreshRankingsPorts);
  logger.info('rankings computed', sizes);
  return sizes;
};
