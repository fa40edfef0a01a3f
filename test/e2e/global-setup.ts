import { ensureH5Build } from '../../functions/local/h5-build';
import { stackSettings } from '../../functions/local/settings';
import { startTestStack } from '../support/stack-setup';

/** The end-to-end suites drive the H5 build in Chromium against the whole stack, API through serverless-offline. */
export default async function globalSetup(): Promise<void> {
  ensureH5Build(stackSettings());
  // The console publishes a series in the browser: its publish jobs' polls need the schedule's sweep.
  await startTestStack('e2e', { api: true, app: true, visibility: 'approved', publishSweepMs: 1000 });
}
