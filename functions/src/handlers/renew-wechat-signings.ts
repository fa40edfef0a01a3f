import { renewSignedMembers } from '../domain/membership/wechat-signing';
import { job } from '../lib/job';
import { logger } from '../lib/logger';
import { wallets } from '../wiring/ports';
import { signingPorts } from '../wiring/signing-ports';

/** Scheduled (every 30 minutes): WeChat's signed members' pre-charge notices and charges, inside 07:10–21:50. */
export const handler = job(async () => {
  const counts = await renewSignedMembers({ ...signingPorts, dueBefore: (before) => wallets.dueForRenewal(before) });
  logger.info('wechat signing run', counts);
  return counts;
});
