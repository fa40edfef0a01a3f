import type { WatchPorts } from '../domain/playback/watch-episode';
import { logger } from '../lib/logger';
import { attributionPorts } from './attribution-ports';
import { playlists } from './forensics-ports';
import { catalog, clock, events, holdings, media, products } from './ports';
import { platformMedia } from './wechat-media-ports';

/** POST /play: the catalog, the viewer's holdings, our signed media and playlists, WeChat's links, the events and attribution. */
export const playPorts: WatchPorts = {
  catalog,
  holdings,
  media,
  playlists,
  now: clock,
  products: () => products.get(),
  platformMedia,
  log: (message, fields) => logger.warn(message, fields),
  events,
  attribution: attributionPorts,
};
