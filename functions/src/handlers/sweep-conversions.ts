import { sweepConversions } from '../domain/attribution/attribution';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { attributionPorts } from '../wiring/attribution-ports';

/** Scheduled: retries every conversion the ad platform has not taken yet, with backoff (serverless.yml). */
export const handler = job(async () => {
  const outcome = await sweepConversions(attributionPorts);
  if (outcome.due) logger.info('conversions swept', outcome);
  return outcome;
});
