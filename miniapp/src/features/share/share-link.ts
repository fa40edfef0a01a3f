import { shareQuery } from '@drama/shared/attribution';

/**
 * What a share opens: the shared episode in the player, through the paywall rules like any other
 * visit, with `channel=share` (and the sharer) in the launch query, so the launch is recorded as a
 * share and the console's funnel counts what sharing brings.
 */
export function sharePath(seriesId: string, episode: number, sharer: string): string {
  return `packages/watch/pages/player/index?${new URLSearchParams(shareQuery(seriesId, episode, sharer)).toString()}`;
}

/** H5: the same page as a link to this app (the hash router keeps the page and its query after `#/`). */
export function shareUrl(path: string, location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return `${location.origin}${location.pathname}#/${path}`;
}

/** The card a share shows: the drama's title and the episode. */
export const shareTitle = (seriesTitle: string | undefined, episode: number) => (seriesTitle ? `《${seriesTitle}》第${episode}集，快来看` : `第${episode}集，快来看`);
