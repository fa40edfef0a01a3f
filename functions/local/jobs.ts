import { logger } from '../src/lib/logger';

/**
 * Runs the scheduled functions of serverless.yml locally (serverless-offline does not run
 * EventBridge schedules): each is invoked through serverless-offline's Lambda endpoint, the same
 * code path AWS takes, on a short interval. One run of a job at a time.
 */
export interface JobSpec {
  /** The function's key in serverless.yml. */
  name: string;
  everyMs: number;
  /** Also run once as soon as the API is up (a job whose output pages show, like the rankings). */
  atStart?: boolean;
}

export function startJobs(opts: { lambdaUrl: string; service: string; stage: string; jobs: JobSpec[]; log?: (line: string) => void }) {
  const timers: NodeJS.Timeout[] = [];
  for (const job of opts.jobs) {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        const response = await fetch(`${opts.lambdaUrl}/2015-03-31/functions/${opts.service}-${opts.stage}-${job.name}/invocations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
          body: JSON.stringify({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: {} }),
        });
        const text = await response.text();
        opts.log?.(`[job ${job.name}] ${response.status} ${text.slice(0, 200)}`);
      } catch (error) {
        logger.warn('local job failed', { job: job.name, error: (error as Error).message });
      } finally {
        running = false;
      }
    };
    timers.push(setInterval(run, job.everyMs));
    if (job.atStart) void run();
  }
  return { stop: () => timers.forEach(clearInterval) };
}
