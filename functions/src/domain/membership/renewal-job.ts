import { sendPreChargeNotices, type NoticePorts } from './pre-charge-notice';
import { renewDueMemberships, type RenewalOutcome, type RenewalPorts } from './renew';

/** The scheduled renewal pass: first the notices of charges two days away, then the charges due. */
export async function renewalJob(ports: RenewalPorts & NoticePorts): Promise<Record<RenewalOutcome | 'noticed', number>> {
  const notices = await sendPreChargeNotices(ports);
  return { ...(await renewDueMemberships(ports)), noticed: notices.sent };
}
