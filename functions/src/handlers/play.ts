import { playInputSchema } from '@drama/shared/playback';
import { play } from '../domain/playback/play';
import { json, route } from '../lib/http';
import { catalog, clock, holdings, media } from '../lib/ports';

export const handler = route({ auth: 'required', body: playInputSchema }, async ({ body, caller }) => {
  const output = await play(body, caller.userId, { catalog, holdings, media, now: clock });
  return json(200, output, { 'cache-control': 'no-store' });
});
