import { createAdUnlockInputSchema } from '@drama/shared/ads';
import { requestAdUnlock } from '../domain/ads/tickets';
import { ticketPorts } from '../lib/ad-ports';
import { json, route } from '../lib/http';

/** A one-time ticket to unlock a locked episode by watching a rewarded ad (429 past the daily cap). */
export const handler = route({ auth: 'required', body: createAdUnlockInputSchema }, async ({ body, caller }) =>
  json(201, await requestAdUnlock(body, caller.userId, ticketPorts), { 'cache-control': 'no-store' }),
);
