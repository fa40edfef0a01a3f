import { adCallbackInputSchema } from '@drama/shared/ads';
import { redeemAdCallback } from '../domain/ads/redeem';
import { json, route } from '../lib/http';
import { redeemPorts } from '../wiring/ad-redeem-ports';

/** The ad network's signed reward callback: only a verified one redeems its ticket, once. */
export const handler = route({ auth: 'none', body: adCallbackInputSchema }, async ({ body }) => {
  await redeemAdCallback(body, redeemPorts);
  return json(200, { isValid: true });
});
