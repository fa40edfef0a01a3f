import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoLikes } from '../adapters/dynamodb-likes';
import { dynamoRankings } from '../adapters/dynamodb-rankings';
import type { LikePorts } from '../domain/comments/likes';
import type { GetRankingPorts, RefreshRankingsPorts } from '../domain/discovery/rankings';
import { inProcessSearch, type SearchPorts } from '../domain/discovery/search';
import { catalog, clock, eventReader, media } from './ports';

/** Discovery and community: the adapters built once per container. */
const coverUrl = (key: string) => media.coverUrl(key);

export const refreshRankingsPorts: RefreshRankingsPorts = { events: eventReader, readCatalog, store: dynamoRankings, now: clock };
export const rankingPorts: GetRankingPorts = { store: dynamoRankings, catalog, coverUrl, now: clock };

/** The 热播榜's figures, kept a minute (the job refreshes them every minute at most). */
function cachedPlays(ttlMs = 60_000): () => Promise<Map<string, number>> {
  let loaded: { at: number; plays: Promise<Map<string, number>> } | undefined;
  return () => {
    if (!loaded || Date.now() - loaded.at > ttlMs) {
      const plays = dynamoRankings.get('hot').then((r) => new Map((r?.items ?? []).map((i) => [i.seriesId, i.score])));
      loaded = { at: Date.now(), plays };
      plays.catch(() => (loaded = undefined));
    }
    return loaded.plays;
  };
}
export const searchPorts: SearchPorts = { search: inProcessSearch(catalog), plays: cachedPlays(), coverUrl, now: clock };

export const likePorts: LikePorts = { catalog, likes: dynamoLikes, now: clock };
