import { startTestStack } from '../support/stack-setup';

/** Integration suites: handlers in-process and the HTTP API, against dynalite, s3rver and the sandbox. */
export default async function globalSetup(): Promise<void> {
  await startTestStack('integration', { api: true, app: false });
}
