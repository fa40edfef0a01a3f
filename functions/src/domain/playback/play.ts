import { decideEntitlement, type EntitlementReason, type Holdings } from '@drama/shared/entitlement';
import type { Preview } from '@drama/shared/paywall';
import { playUrlTtlS, type PlayInput, type PlayOutput } from '@drama/shared/playback';
import type { ProductCatalog } from '@drama/shared/products';
import { releasedEpisodes, type CatalogReader, type Episode, type Series } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { EntitlementRequired, NotFound } from '../errors';
import { wantedPreviewS } from '../media/preview';
import { paywallFor } from './paywall';
import { platformSource, type PlatformMedia } from './platform-source';

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
  /** The platforms' own media (WeChat's links to approved dramas); our signed media when absent. */
  platformMedia?: PlatformMedia;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** The episode's preview, if ingest cut one of the length the series asks for from its current media. */
function previewOf(series: Series, episode: Episode) {
  const wanted = wantedPreviewS({ index: episode.index, freeEpisodes: series.freeEpisodes, previewS: series.previewS, durationS: episode.durationS });
  const cut = episode.ingest?.source === episode.mediaKey ? episode.ingest.preview : undefined;
  return wanted > 0 && cut?.requestedS === wanted ? cut : undefined;
}

/** A play the entitlement rule allowed: the answer, and why the viewer may watch (free, unlocked by coins or an ad, series, membership). */
export interface Play {
  output: PlayOutput;
  because: EntitlementReason;
}

/**
 * Play asks the one entitlement rule, then answers with a short-lived URL for this caller: on WeChat
 * and Douyin the platform's own media once it approved the drama (platform-source.ts); else ours,
 * signed for this viewer — a free episode's MP4, or for a paid one the viewer's own playlist of
 * marked segments once the ingest has made them (until then, the MP4 with the viewer's code drawn over it).
 */
export async function play(input: PlayInput, userId: string, ports: PlayPorts, viewerPlatform?: string): Promise<Play> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${input.seriesId}`);
  const now = ports.now();
  const released = releasedEpisodes(series, now);
  const episode = released.find((e) => e.index === input.episode);
  if (!episode) throw new NotFound(`series ${input.seriesId} has episodes 1..${released.length}`);

  const holdings = await ports.holdings.holdingsOf(userId);
  const decision = decideEntitlement(termsOf(series), episode.index, holdings, now);
  if (!decision.entitled) {
    const cut = previewOf(series, episode);
    // The preview is signed for this viewer like any play URL; it holds nothing past the cut.
    const preview: Preview | undefined = cut && { url: await ports.media.signPlayUrl(cut.key, userId, playUrlTtlS, now), durationS: cut.durationS };
    throw new EntitlementRequired({ ...(await paywallFor(series, episode.index, holdings, now, ports.products)), ...(preview ? { preview } : {}) });
  }

  const expiresAt = new Date(now.getTime() + playUrlTtlS * 1000);
  const where = platformSource(series, episode.index, viewerPlatform);
  if (where.source === 'wechat' && ports.platformMedia) {
    try {
      const url = await ports.platformMedia.wechatLink(where.mediaId, expiresAt);
      return { output: { url, expiresAt: expiresAt.toISOString(), format: 'mp4', watermark: 'none', seriesId: series.id, episode: episode.index, source: 'wechat' }, because: decision.reason };
    } catch (error) {
      // The platform refused the link (de-authorised, down): the viewer, entitled, still plays ours.
      ports.log?.('wechat media link refused: serving our own', { seriesId: series.id, episode: episode.index, error: (error as Error).message });
    }
  }
  const hls = decision.reason !== 'free' && episode.hls && ports.playlists;
  const url = hls ? hls.signPlaylistUrl(series.id, episode.index, userId, expiresAt) : await ports.media.signPlayUrl(episode.mediaKey, userId, playUrlTtlS, now);
  const output: PlayOutput = {
    url,
    expiresAt: expiresAt.toISOString(),
    format: hls ? 'hls' : 'mp4',
    watermark: hls ? 'marks' : decision.reason === 'free' ? 'none' : 'overlay',
    seriesId: series.id,
    episode: episode.index,
    ...(where.source === 'douyin_playlet' ? { source: 'douyin_playlet' as const, playlet: where.playlet } : {}),
  };
  return { output, because: decision.reason };
}
