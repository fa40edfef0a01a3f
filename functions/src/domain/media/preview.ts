import { previewLengthS } from '@drama/shared/paywall';
import type { Series } from '../catalog/catalog';

/**
 * The episode ingest: the work done to an episode's media after it is uploaded, as a re-drivable
 * job per episode. Its state lives on the episode's catalog item (`ingest`: the media key the job
 * works from and one record per finished step), so the catalog read that serves playback also says
 * what ingest produced. Steps run in order — 1 licence burn-in (#23) → 2 trial preview (here) →
 * 3 HLS with mark variants (#25) — and each finished step is one conditional write that holds only
 * while the episode still has the media the job started from: a new upload restarts the job, and a
 * job that was overtaken writes nothing. A step whose record is missing or out of date (say the
 * operator changed the preview length) runs again; a crash mid-step is finished by the next run
 * (`ingestCatalog`, scheduled, and the seed for the demo episodes).
 */

export interface PreviewRecord {
  /** The separate object holding the episode's first `durationS` seconds (same encode, faststart). */
  key: string;
  durationS: number;
  /** The length the series asked for when it was cut (the step reruns when that changes). */
  requestedS: number;
  at: string;
}

export interface IngestState {
  /** The media key this job works from; the episode's `mediaKey` when the job is current. */
  source: string;
  startedAt: string;
  preview?: PreviewRecord;
}

export type IngestStepName = 'preview';

/** What ingest needs to know of an episode and its series. */
export interface IngestTarget {
  seriesId: string;
  index: number;
  mediaKey: string;
  durationS: number;
  freeEpisodes: number;
  previewS: number;
  ingest?: IngestState;
}

export interface IngestStore {
  /**
   * Starts the job for `source` unless it is already under way for it: one conditional write, false
   * when the episode's media is no longer `source`.
   */
  begin(seriesId: string, index: number, source: string, now: Date): Promise<boolean>;
  /** Records a finished step if the episode still has `source` and its job works from it (one conditional write). */
  completeStep<S extends IngestStepName>(seriesId: string, index: number, source: string, step: S, record: NonNullable<IngestState[S]>): Promise<boolean>;
}

export interface PreviewCutter {
  /**
   * Writes `targetKey`: the first `seconds` of `sourceKey` as its own object, the same streams copied
   * (no re-encode) with the index up front. Returns the cut's measured length.
   */
  cut(sourceKey: string, targetKey: string, seconds: number): Promise<{ durationS: number }>;
}

export interface IngestPorts {
  store: IngestStore;
  previews: PreviewCutter;
  now: () => Date;
  log: (message: string, fields: Record<string, unknown>) => void;
}

interface IngestStep {
  name: IngestStepName;
  /** Whether the step's record is up to date for the target (nothing to do). */
  current(target: IngestTarget): boolean;
  run(target: IngestTarget, ports: IngestPorts): Promise<NonNullable<IngestState[IngestStepName]>>;
}

/** The preview length a target's episode should have: 0 for free episodes and series without previews. */
export const wantedPreviewS = (t: Pick<IngestTarget, 'index' | 'freeEpisodes' | 'previewS' | 'durationS'>) =>
  t.index <= t.freeEpisodes ? 0 : previewLengthS(t.previewS, t.durationS);

/** `media/s/ep-004.mp4` → `media/s/ep-004.preview-15s.mp4`: beside its episode, under the signed media/ prefix. */
export const previewKeyOf = (mediaKey: string, seconds: number) => `${mediaKey.replace(/\.mp4$/i, '')}.preview-${seconds}s.mp4`;

const previewStep: IngestStep = {
  name: 'preview',
  current(t) {
    const wanted = wantedPreviewS(t);
    // Nothing wanted: an old preview stays unused (playback offers it only while the series wants one).
    if (wanted === 0) return true;
    return t.ingest?.preview?.requestedS === wanted;
  },
  async run(t, ports) {
    const seconds = wantedPreviewS(t);
    const key = previewKeyOf(t.mediaKey, seconds);
    const { durationS } = await ports.previews.cut(t.mediaKey, key, seconds);
    return { key, durationS, requestedS: seconds, at: ports.now().toISOString() };
  },
};

/** In order: burn-in (#23) goes before the preview, HLS (#25) after it. */
const steps: readonly IngestStep[] = [previewStep];

/** Whether the episode's ingest is current: its job works from its media and every step is up to date. */
export function ingestCurrent(target: IngestTarget): boolean {
  return target.ingest?.source === target.mediaKey && steps.every((s) => s.current(target));
}

/**
 * Runs the episode's job to the end: begins it (or continues it) for the episode's media, then each
 * step that is not current. 'superseded' when the media changed under it (the next run takes over).
 */
export async function ingestEpisode(target: IngestTarget, ports: IngestPorts): Promise<'done' | 'superseded'> {
  let current = target;
  if (target.ingest?.source !== target.mediaKey) {
    if (!(await ports.store.begin(target.seriesId, target.index, target.mediaKey, ports.now()))) return 'superseded';
    current = { ...target, ingest: { source: target.mediaKey, startedAt: ports.now().toISOString() } };
  }
  for (const step of steps) {
    if (step.current(current)) continue;
    const record = await step.run(current, ports);
    if (!(await ports.store.completeStep(target.seriesId, target.index, target.mediaKey, step.name, record))) return 'superseded';
    current = { ...current, ingest: { ...current.ingest!, [step.name]: record } };
    ports.log('ingest step done', { seriesId: target.seriesId, episode: target.index, step: step.name });
  }
  return 'done';
}

export const targetsOf = (series: Series): IngestTarget[] =>
  series.episodes.map((e) => ({ seriesId: series.id, index: e.index, mediaKey: e.mediaKey, durationS: e.durationS, freeEpisodes: series.freeEpisodes, previewS: series.previewS, ingest: e.ingest }));

/**
 * The scheduled pass: every episode of every series (published or not) whose ingest is not current,
 * one at a time; a failing episode is logged and left for the next pass.
 */
export async function ingestCatalog(catalog: Series[], ports: IngestPorts): Promise<{ done: number; superseded: number; failed: number }> {
  const counts = { done: 0, superseded: 0, failed: 0 };
  for (const target of catalog.flatMap(targetsOf)) {
    if (ingestCurrent(target)) continue;
    try {
      counts[await ingestEpisode(target, ports)]++;
    } catch (error) {
      counts.failed++;
      ports.log('ingest failed', { seriesId: target.seriesId, episode: target.index, error: (error as Error).message });
    }
  }
  return counts;
}
