import { shanghaiDate } from '@drama/shared/calendar';
import type { HistoryOutput, ProgressInput } from '@drama/shared/habits';
import type { CatalogReader } from '../catalog/catalog';
import { NotFound } from '../errors';
import type { EventSink } from '../events/events';

export interface ProgressStore {
  /** Saves the resume point; false when a save of the same episode came moments before. */
  saveProgress(userId: string, input: Omit<ProgressInput, 'endedEpisode'>, now: Date): Promise<boolean>;
}

export interface ProgressPorts {
  catalog: CatalogReader;
  progress: ProgressStore;
  events: EventSink;
  now: () => Date;
}

/**
 * `PUT /progress`: the resume point, and, when the player says an episode just played to its end
 * (this one, or the one before it), a `play_complete` event: once per viewer, episode and Shanghai
 * day, which the 热播榜 weighs above a play that was left.
 */
export async function saveProgress(userId: string, input: ProgressInput, ports: ProgressPorts): Promise<{ saved: boolean }> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.episodes.some((e) => e.index === input.episode)) throw new NotFound(`no episode ${input.episode} of ${input.seriesId}`);
  const { endedEpisode, ...position } = input;
  const now = ports.now();
  const saved = await ports.progress.saveProgress(userId, position, now);
  const ended = endedEpisode !== undefined && (endedEpisode === input.episode || endedEpisode === input.episode - 1) && series.episodes.some((e) => e.index === endedEpisode);
  if (ended) {
    await ports.events.record({ kind: 'play_complete', userId, seriesId: input.seriesId, episode: endedEpisode }, `complete:${userId}:${input.seriesId}:${endedEpisode}:${shanghaiDate(now)}`);
  }
  return { saved };
}

/** The viewer's resume points as the store lists them (most recently watched first). */
export interface HistoryList {
  history(userId: string): Promise<HistoryOutput['items']>;
}

/** GET /me/history: where the viewer left each series, most recent first (the feed's 继续观看). */
export async function historyOf(userId: string, ports: { history: HistoryList }): Promise<HistoryOutput> {
  return { items: await ports.history.history(userId) };
}
