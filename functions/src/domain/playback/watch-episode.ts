import type { PlayInput } from '@drama/shared/playback';
import { convert, type AttributionPorts } from '../attribution/attribution';
import { EntitlementRequired } from '../errors';
import type { EventSink } from '../events/events';
import { play, type Play, type PlayPorts } from './play';

export interface WatchPorts extends PlayPorts {
  events: EventSink;
  attribution: AttributionPorts;
}

/**
 * POST /play, the whole request: the play itself (play.ts), then what it reports — `play_start` and
 * the first-watch conversion, and the first-paid-episode conversion when the rule entitled the
 * viewer by anything but a free episode; a locked episode records `paywall_shown` before its 402.
 * Returns why the viewer may watch beside the answer.
 */
export async function watchEpisode(input: PlayInput, userId: string, ports: WatchPorts, viewerPlatform?: string): Promise<Play> {
  const at = { userId, seriesId: input.seriesId, episode: input.episode };
  // The user's last ad click is read alongside the entitlement check, so attribution adds no round trip.
  const lastClick = ports.attribution.store.lastClick(userId).catch(() => undefined);
  let watch: Play;
  try {
    watch = await play(input, userId, ports, viewerPlatform);
  } catch (error) {
    if (error instanceof EntitlementRequired) await ports.events.record({ kind: 'paywall_shown', ...at });
    throw error;
  }
  const episode = { seriesId: input.seriesId, episode: input.episode };
  await Promise.all([
    ports.events.record({ kind: 'play_start', ...at }),
    convert(userId, 'first_watch', episode, ports.attribution, lastClick),
    watch.because !== 'free' ? convert(userId, 'first_paid_episode', episode, ports.attribution, lastClick) : undefined,
  ]);
  return watch;
}
