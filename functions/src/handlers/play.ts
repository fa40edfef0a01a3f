import { playInputSchema } from '@drama/shared/playback';
import { watchEpisode } from '../domain/playback/watch-episode';
import { json, route } from '../lib/http';
import { playPorts } from '../wiring/play-ports';

export const handler = route({ auth: 'required', body: playInputSchema }, async ({ body, caller }) =>
  json(200, (await watchEpisode(body, caller.userId, playPorts, caller.platform)).output, { 'cache-control': 'no-store' }),
);
