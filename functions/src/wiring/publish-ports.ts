import { dynamoPublishJobs } from '../adapters/dynamodb-publish-jobs';
import { invokeAsync } from '../adapters/lambda-invoke';
import type { PublicationPorts } from '../domain/publishing/publication';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock } from './ports';

/**
 * The publish jobs' store and kick (going live on the platforms), built once per container: what
 * starting or moving a job needs. Driving one through the platforms' APIs is driver-ports.ts, so
 * only the functions that call a platform hold its app secret.
 */
export const publicationPorts: PublicationPorts = {
  jobs: dynamoPublishJobs,
  now: clock,
  // A job that can move on is driven at once by syncPlatforms (the schedule would find it later).
  kick: (seriesId) => invokeAsync(config().publishing.syncFunction, { seriesId }),
  log: (message, fields) => logger.info(message, fields),
};
