import { adTicketParamsSchema } from '@drama/shared/ads';
import { completeAdUnlock } from '../domain/ads/redeem';
import { json, route } from '../lib/http';
import { redeemPorts } from '../wiring/ad-redeem-ports';

/** The app reports the ad ended: 200 once the episode is unlocked, 202 while the network's callback is awaited. */
export const handler = route({ auth: 'required', params: adTicketParamsSchema }, async ({ params, caller }) => {
  const status = await completeAdUnlock(params.ticketId, caller.userId, redeemPorts);
  return json(status.status === 'pending' ? 202 : 200, status, { 'cache-control': 'no-store' });
});
