import { decideEntitlement, type Holdings } from '@drama/shared/entitlement';
import { playUrlTtlS, type PlayInput, type PlayOutput } from '@drama/shared/playback';
import { releasedEpisodes, type CatalogReader } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { EntitlementRequired, NotFound } from '../errors';

export interface HoldingsReader {
  /** Everything that entitles a user to paid episodes, in one read. */
  holdingsOf(userId: string): Promise<Holdings>;
}

export interface MediaSigner {
  /** A URL for `key` that only serves until `expiresAt` and is bound to `userId`. */
  signPlayUrl(key: string, userId: string, expiresInS: number, now: Date): Promise<string>;
}

export interface PlayPorts {
  catalog: CatalogReader;
  holdings: HoldingsReader;
  media: MediaSigner;
  now: () => Date;
}

/** Play asks the one entitlement rule, then signs a short-lived media URL for this caller. */
export async function play(input: PlayInput, userId: string, ports: PlayPorts): Promise<PlayOutput> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${input.seriesId}`);
  const now = ports.now();
  const released = releasedEpisodes(series, now);
  const episode = released.find((e) => e.index === input.episode);
  if (!episode) throw new NotFound(`series ${input.seriesId} has episodes 1..${released.length}`);

  const holdings = await ports.holdings.holdingsOf(userId);
  const decision = decideEntitlement(termsOf(series), episode.index, holdings, now);
  if (!decision.entitled) throw new EntitlementRequired(decision.offers);

  const url = await ports.media.signPlayUrl(episode.mediaKey, userId, playUrlTtlS, now);
  return {
    url,
    expiresAt: new Date(now.getTime() + playUrlTtlS * 1000).toISOString(),
    seriesId: series.id,
    episode: episode.index,
  };
}
