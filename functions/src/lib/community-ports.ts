import { randomBytes } from 'node:crypto';
import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoCommentQuota, dynamoWriters } from '../adapters/dynamodb-comment-writers';
import { dynamoComments } from '../adapters/dynamodb-comments';
import { dynamoLikes } from '../adapters/dynamodb-likes';
import { dynamoRankings } from '../adapters/dynamodb-rankings';
import { platformTextSafety } from '../adapters/platform/text-safety';
import type { CommentPorts } from '../domain/comments/comments';
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

/** Comment ids sort by time (base-36 milliseconds) and are unguessable (random tail). */
const newCommentId = () => `c_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

export const commentPorts: CommentPorts = {
  catalog,
  comments: dynamoComments,
  writers: dynamoWriters,
  quota: dynamoCommentQuota,
  safety: platformTextSafety,
  newId: newCommentId,
  now: clock,
};
export const likePorts: LikePorts = { catalog, likes: dynamoLikes, now: clock };
