import type { CostToFinish, Preview } from '@drama/shared/paywall';
import { entitlementRequiredSchema, playOutputSchema, type Offer, type PlayInput, type PlayOutput } from '@drama/shared/playback';
import { ApiError, apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** POST /play: a signed URL when the caller may watch, else the paywall: offers, cost to finish, the trial preview. */
export type PlayResult =
  | { kind: 'playable'; url: string; expiresAt: string; watermark: PlayOutput['watermark']; playlet?: { albumId: string; episodeId: string } }
  | { kind: 'locked'; message: string; offers: Offer[]; costToFinish: CostToFinish; preview?: Preview };

/**
 * Signed URLs are cached until shortly before they expire, so the feed and the player can ask for
 * the next episode early (prefetch) and get it instantly when it is due. The margin leaves time for
 * the player to start fetching ranges before the signature lapses. Locked answers are not cached:
 * the user may unlock the episode a moment later.
 */
const reuseMarginMs = 60_000;
const cache = new Map<string, { expiresAtMs: number; result: Promise<PlayResult> }>();
const keyOf = ({ seriesId, episode }: PlayInput) => `${seriesId}#${episode}`;

export function playEpisode(input: PlayInput): Promise<PlayResult> {
  const key = keyOf(input);
  const hit = cache.get(key);
  if (hit && hit.expiresAtMs - Date.now() > reuseMarginMs) return hit.result;

  // Until the answer arrives, concurrent callers share the request.
  const result = requestPlay(input);
  cache.set(key, { expiresAtMs: Infinity, result });
  result.then(
    (r) => {
      if (cache.get(key)?.result !== result) return;
      if (r.kind === 'playable') cache.set(key, { expiresAtMs: Date.parse(r.expiresAt), result });
      else cache.delete(key);
    },
    () => cache.get(key)?.result === result && cache.delete(key),
  );
  return result;
}

/** Drop a cached URL, e.g. one the player could not load. */
export function forgetPlay(input: PlayInput): void {
  cache.delete(keyOf(input));
}

/** Fetch (and cache) an episode's URL ahead of time; failures are left for the real request. */
export function prefetchPlay(input: PlayInput): void {
  playEpisode(input).catch(() => undefined);
}

async function requestPlay(input: PlayInput): Promise<PlayResult> {
  try {
    const out = await apiRequest('/play', { method: 'POST', data: input, schema: playOutputSchema });
    return { kind: 'playable', url: out.url, expiresAt: out.expiresAt, watermark: out.watermark, ...(out.playlet ? { playlet: out.playlet } : {}) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 402) {
      const body = entitlementRequiredSchema.safeParse(err.body);
      if (body.success) return { kind: 'locked', message: err.message, offers: body.data.offers, costToFinish: body.data.costToFinish, preview: body.data.preview };
    }
    throw err;
  }
}

export const usePlayEpisode = (seriesId: string, episode: number) =>
  useAsync(() => playEpisode({ seriesId, episode }), [seriesId, episode]);
