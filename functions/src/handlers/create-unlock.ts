import { unlockInputSchema } from '@drama/shared/wallet';
import { unlockEpisode } from '../domain/wallet/unlock';
import { json, route } from '../lib/http';
import { catalog, clock, wallets } from '../wiring/ports';

export const handler = route({ auth: 'required', body: unlockInputSchema }, async ({ body, caller }) =>
  json(200, await unlockEpisode(body, caller.userId, { catalog, wallets, now: clock })),
);
