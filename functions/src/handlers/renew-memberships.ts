import { renewalJob } from '../domain/membership/renewal-job';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { renewalPorts } from '../wiring/renewal-ports';

/** Scheduled: pre-charge notices two days ahead; charges auto-renewing members due within a day; retries; lets the last failure lapse. */
export const handler = job(async () => {
  const counts = await renewalJob(renewalPorts());
  logger.info('renewal run', counts);
  return counts;
});
