import { playInputSchema } from '@drama/shared/playback';
import { convert } from '../domain/attribution/attribution';
import { EntitlementRequired } from '../domain/errors';
import { play } from '../domain/playback/play';
import { json, route } from '../lib/http';
import { logger } from '../lib/logger';
import { attributionPorts } from '../wiring/attribution-ports';
import { playlists } from '../wiring/forensics-ports';
import { catalog, clock, events, holdings, media, products } from '../wiring/ports';
import { platformMedia } from '../wiring/wechat-media-ports';

export const handler = route({ auth: 'required', body: playInputSchema }, async ({ body, caller }) => {
  const { userId } = caller;
  const at = { userId, seriesId: body.seriesId, episode: body.episode };
  // Read the user's last ad click alongside the entitlement check, so attribution adds no round trip.
  const lastClick = attributionPorts.store.lastClick(userId).catch(() => undefined);
  try {
    const output = await play(body, userId, { catalog, holdings, media, playlists, now: clock, products: () => products.get(), platformMedia, log: (m, f) => logger.warn(m, f) }, caller.platform);
    // The catalog is cached, so asking whether the episode was a paid one costs no read.
    const paid = body.episode > ((await catalog.getSeries(body.seriesId))?.freeEpisodes ?? Infinity);
    await Promise.all([
      events.record({ kind: 'play_start', ...at }),
      convert(userId, 'first_watch', { seriesId: body.seriesId, episode: body.episode }, attributionPorts, lastClick),
      paid ? convert(userId, 'first_paid_episode', { seriesId: body.seriesId, episode: body.episode }, attributionPorts, lastClick) : undefined,
    ]);
    return json(200, output, { 'cache-control': 'no-store' });
  } catch (error) {
    if (error instanceof EntitlementRequired) await events.record({ kind: 'paywall_shown', ...at });
    throw error;
  }
});
