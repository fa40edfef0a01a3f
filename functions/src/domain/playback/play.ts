import { decideEntitlement, type Holdings } from '@drama/shared/entitlement';
import { playUrlTtlS, type Offer, type PlayInput, type PlayOutput } from '@drama/shared/playback';
import type { ProductCatalog } from '@drama/shared/products';
import { releasedEpisodes, type CatalogReader, type Series } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { EntitlementRequired, NotFound } from '../errors';
import { episodePrice } from '../wallet/unlock';

export interface HoldingsReader {
  /** Everything that entitles a user to paid episodes, in one read. */
  holdingsOf(userId: string): Promise<Holdings>;
}

export interface MediaSigner {
  /** A URL for `key` that only serves until `expiresAt` and is bound to `userId`. */
  signPlayUrl(key: string, userId: string, expiresInS: number, now: Date): Promise<string>;
}

/** Signs the URL of a viewer's HLS playlist (playlist.ts serves it). */
export interface PlaylistSigner {
  signPlaylistUrl(seriesId: string, episode: number, userId: string, expiresAt: Date): string;
}

export interface PlayPorts {
  catalog: CatalogReader;
  holdings: HoldingsReader;
  media: MediaSigner;
  /** Paid episodes with marked HLS variants are served through it; without it, every episode is an MP4. */
  playlists?: PlaylistSigner;
  now: () => Date;
  /** The products on sale (the operator's membership prices); shared/products.ts's defaults when absent. */
  products?: () => Promise<ProductCatalog>;
}

/**
 * The rule quotes the series' defaults; a paywall (of a play or of a scene from a frame) quotes what
 * POST /unlocks and POST /orders will charge: this episode's own coin price and the operator's
 * membership prices.
 */
export async function paywallOffers(series: Series, episode: number, offers: Offer[], products?: () => Promise<ProductCatalog>): Promise<Offer[]> {
  const live = products ? await products() : undefined;
  const coins = episodePrice(series, episode);
  return offers.map((o): Offer => {
    if (o.kind === 'coins') return { ...o, coins };
    if (o.kind === 'membership') return { ...o, priceFen: live?.memberships.find((m) => m.plan === o.plan)?.priceFen ?? o.priceFen };
    return o;
  });
}

/**
 * Play asks the one entitlement rule, then signs a short-lived URL for this caller: a free episode's
 * MP4, or for a paid one the caller's own playlist of marked segments once the ingest has made them
 * (until then, the MP4).
 */
export async function play(input: PlayInput, userId: string, ports: PlayPorts): Promise<PlayOutput> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${input.seriesId}`);
  const now = ports.now();
  const released = releasedEpisodes(series, now);
  const episode = released.find((e) => e.index === input.episode);
  if (!episode) throw new NotFound(`series ${input.seriesId} has episodes 1..${released.length}`);

  const holdings = await ports.holdings.holdingsOf(userId);
  const decision = decideEntitlement(termsOf(series), episode.index, holdings, now);
  if (!decision.entitled) throw new EntitlementRequired(await paywallOffers(series, episode.index, decision.offers, ports.products));

  const expiresAt = new Date(now.getTime() + playUrlTtlS * 1000);
  const hls = decision.reason !== 'free' && episode.hls && ports.playlists;
  const url = hls ? hls.signPlaylistUrl(series.id, episode.index, userId, expiresAt) : await ports.media.signPlayUrl(episode.mediaKey, userId, playUrlTtlS, now);
  return {
    url,
    expiresAt: expiresAt.toISOString(),
    format: hls ? 'hls' : 'mp4',
    watermark: hls ? 'marks' : decision.reason === 'free' ? 'none' : 'overlay',
    seriesId: series.id,
    episode: episode.index,
  };
}
