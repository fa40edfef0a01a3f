import { stopTestStack } from '../support/stack-setup';

export default async function globalTeardown(): Promise<void> {
  await stopTestStack('integration');
}
