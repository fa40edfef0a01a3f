import { recommendHome } from '../domain/reminders/jobs';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { reminderPorts } from '../wiring/reminder-ports';

/** Scheduled reminder job (serverless.yml): sends only against consents; see domain/reminders/jobs.ts. */
export const handler = job(async () => {
  const counts = await recommendHome(reminderPorts());
  logger.info('recommendHome run', counts);
  return counts;
});
