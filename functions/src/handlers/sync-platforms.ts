import { driveDueJobs, driveSeries } from '../domain/publishing/job';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { driverPorts } from '../wiring/driver-ports';

/**
 * Drives publish jobs: one series' (invoked asynchronously with `{seriesId}` when a publish or a
 * platform callback moved them on) or every due one (scheduled: retries, polls, and actions a crash
 * left behind). Never throws: a failure is logged and the next sweep takes the job up again (locally
 * an asynchronous invocation that throws would also take serverless-offline down).
 */
export const handler = job(async (event: { seriesId?: unknown } | undefined): Promise<{ driven: number }> => {
  try {
    const seriesId = typeof event?.seriesId === 'string' ? event.seriesId : undefined;
    return { driven: seriesId ? await driveSeries(seriesId, driverPorts()) : await driveDueJobs(driverPorts()) };
  } catch (error) {
    logger.error('publish jobs not driven: the sweep retries', { error: (error as Error).message });
    return { driven: 0 };
  }
});
