import { douyinDeduction } from '../adapters/platform/douyin-deduction';
import { renewDueMemberships } from '../domain/membership/renew';
import { logger } from '../lib/logger';
import { settlePorts } from '../lib/attribution-ports';
import { products, wallets } from '../lib/ports';

/** Scheduled: charges auto-renewing members due within a day; retries; lets the last failure lapse. */
export async function handler() {
  const counts = await renewDueMemberships({ ...settlePorts, charger: douyinDeduction(), dueBefore: (before) => wallets.dueForRenewal(before), products: () => products.get() });
  logger.info('renewal run', counts);
  return counts;
}
