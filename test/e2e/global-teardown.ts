import { stopTestStack } from '../support/stack-setup';

export default async function globalTeardown(): Promise<void> {
  await stopTestStack('e2e');
}
