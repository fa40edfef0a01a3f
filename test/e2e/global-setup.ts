import { ensureH5Build } from '../../functions/local/h5-build';
import { stackSettings } from '../../functions/local/settings';
import { startTestStack } from '../support/stack-setup';

/** The end-to-end suites drive the H5 build in Chromium against the whole stack, API through serverless-offline. */
export default async function globalSetup(): Promise<void> {
  ensureH5Build(stackSettings());
  await startTestStack('e2e', { api: true, app: true, visibility: 'approved' });
}
