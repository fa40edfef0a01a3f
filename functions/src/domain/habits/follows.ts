import type { CatalogReader } from '../catalog/catalog';
import { NotFound } from '../errors';
import type { FollowsOutput } from '@drama/shared/habits';

export interface FollowStore {
  /** Records the follow once (a repeat changes nothing); the release job fans out over followers. */
  follow(userId: string, seriesId: string, now: Date): Promise<void>;
  unfollow(userId: string, seriesId: string): Promise<void>;
}

export interface FollowPorts {
  catalog: CatalogReader;
  follows: FollowStore;
  now: () => Date;
}

/** POST (follow) or DELETE (unfollow) /follows/{seriesId}: only a published series can be followed; either may be repeated. */
export async function setFollow(userId: string, seriesId: string, following: boolean, ports: FollowPorts): Promise<{ seriesId: string; following: boolean }> {
  if (!following) {
    await ports.follows.unfollow(userId, seriesId);
    return { seriesId, following: false };
  }
  const series = await ports.catalog.getSeries(seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${seriesId}`);
  await ports.follows.follow(userId, seriesId, ports.now());
  return { seriesId, following: true };
}

/** The viewer's follows as the store lists them (newest first). */
export interface FollowList {
  follows(userId: string): Promise<FollowsOutput['items']>;
}

/** GET /me/follows: the series the viewer follows, newest first. */
export async function followsOf(userId: string, ports: { follows: FollowList }): Promise<FollowsOutput> {
  return { items: await ports.follows.follows(userId) };
}
