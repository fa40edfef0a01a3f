import type { EpisodeParams, LikeOutput } from '@drama/shared/comments';
import type { CatalogReader } from '../catalog/catalog';
import { requireEpisode } from './comments';

/**
 * Likes per episode. Who liked what is one item per viewer and episode, written only if absent (a
 * like) or present (an unlike), so repeating either changes nothing; the episode's count moves only
 * after such a write took effect. A crash between the two writes leaves the count one short, never
 * a viewer counted twice.
 */
export interface LikeStore {
  /** Records the viewer's like: true if it was not there. */
  add(userId: string, where: EpisodeParams): Promise<boolean>;
  /** Removes it: true if it was there. */
  remove(userId: string, where: EpisodeParams): Promise<boolean>;
  has(userId: string, where: EpisodeParams): Promise<boolean>;
  /** Moves the episode's count by `delta`: the count after. */
  count(where: EpisodeParams, delta?: -1 | 0 | 1): Promise<number>;
}

export interface LikePorts {
  catalog: CatalogReader;
  likes: LikeStore;
  now: () => Date;
}

export async function setLike(userId: string, where: EpisodeParams, liked: boolean, ports: LikePorts): Promise<LikeOutput> {
  await requireEpisode(ports.catalog, where, ports.now());
  const changed = liked ? await ports.likes.add(userId, where) : await ports.likes.remove(userId, where);
  const likes = await ports.likes.count(where, changed ? (liked ? 1 : -1) : 0);
  return { liked, likes: Math.max(0, likes) };
}

export async function getLikes(userId: string | undefined, where: EpisodeParams, ports: LikePorts): Promise<LikeOutput> {
  await requireEpisode(ports.catalog, where, ports.now());
  const [liked, likes] = await Promise.all([userId ? ports.likes.has(userId, where) : false, ports.likes.count(where)]);
  return { liked, likes: Math.max(0, likes) };
}
