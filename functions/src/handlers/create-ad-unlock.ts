import { createAdUnlockInputSchema } from '@drama/shared/ads';
import { requestAdUnlock } from '../domain/ads/tickets';
import { json, route } from '../lib/http';
import { ticketPorts } from '../wiring/ad-ports';

/** A one-time ticket to unlock a locked episode by watching a rewarded ad (429 past the daily cap). */
export const handler = route({ auth: 'required', body: createAdUnlockInputSchema }, async ({ body, caller }) =>
  json(201, await requestAdUnlock(body, caller.userId, ticketPorts), { 'cache-control': 'no-store' }),
);
