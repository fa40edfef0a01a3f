import { createHash } from 'node:crypto';

/**
 * The episode ingest: the work done to an episode's uploaded media before viewers get it, as one
 * re-drivable job per episode. The job lives in the table beside the episode (so the catalog read
 * that lists episodes sees what the steps produced), keyed by the source object it was made from: a
 * new upload starts a new job and the old one's output is never served for the new media.
 *
 * Steps run in a fixed order (TEAM.md: 1 licence burn-in, 2 preview, 3 HLS with per-viewer mark
 * variants); each records its output in one conditional write, only onto the job of the same source
 * and only if no other run recorded it first. Re-running a job skips the steps it finds done, so a
 * crash anywhere is recovered by running it again (the seed does on every start; an operator's
 * upload is re-driven by invoking the job again). A run first takes a lease on the job (one
 * conditional write), so a second run started meanwhile (an operator saving twice) stops at once;
 * after a crash the lease runs out and the next run carries on. Even two runs at once could only waste
 * work: the second to finish a step finds it recorded and stops.
 */

export type IngestStepName = 'hls';

export interface IngestJob {
  seriesId: string;
  episode: number;
  /** The uploaded media the job works from (media/…mp4). */
  sourceKey: string;
  /** A short name of the source, for object keys the steps write: a new upload never overwrites them. */
  rev: string;
  /** What each finished step produced. */
  steps: Partial<Record<IngestStepName, unknown>>;
}

export interface IngestStore {
  /** The job of this source: the existing one, or a fresh one replacing a job of another source. */
  open(ref: IngestRef, rev: string, now: Date): Promise<IngestJob>;
  /** Takes the job until `until` unless another run holds it (false then, or if its source changed). */
  claim(job: IngestJob, until: Date, now: Date): Promise<boolean>;
  /** Gives the lease up (a step failed). */
  release(job: IngestJob): Promise<void>;
  /** Records a step's output once; false when another run did first or the job's source changed. */
  complete(job: IngestJob, step: IngestStepName, output: unknown, now: Date): Promise<boolean>;
}

export interface IngestStep {
  name: IngestStepName;
  run(job: IngestJob): Promise<unknown>;
}

export interface IngestRef {
  seriesId: string;
  episode: number;
  sourceKey: string;
}

export interface IngestPorts {
  store: IngestStore;
  /** In TEAM.md's order; a step's name says which output it records. */
  steps: IngestStep[];
  now: () => Date;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export const revOf = (sourceKey: string) => createHash('sha256').update(sourceKey).digest('hex').slice(0, 12);

/** As long as one run may take: Lambda's limit. */
const leaseMs = 15 * 60_000;

export async function runIngest(ref: IngestRef, ports: IngestPorts): Promise<{ job: IngestJob; finished: boolean }> {
  let job = await ports.store.open(ref, revOf(ref.sourceKey), ports.now());
  if (ports.steps.every((step) => job.steps[step.name] !== undefined)) return { job, finished: true };
  const now = ports.now();
  if (!(await ports.store.claim(job, new Date(now.getTime() + leaseMs), now))) return { job, finished: false };
  for (const step of ports.steps) {
    if (job.steps[step.name] !== undefined) continue;
    const started = Date.now();
    let output: unknown;
    try {
      output = await step.run(job);
    } catch (error) {
      // Let the next run (an operator saving again, the seed's next start) carry on at once.
      await ports.store.release(job).catch(() => undefined);
      throw error;
    }
    const recorded = await ports.store.complete(job, step.name, output, ports.now());
    ports.log?.('ingest step done', { seriesId: ref.seriesId, episode: ref.episode, step: step.name, recorded, ms: Date.now() - started });
    // Another run recorded it first and carries on, or a new upload replaced the job: this run stops.
    if (!recorded) return { job, finished: false };
    job = { ...job, steps: { ...job.steps, [step.name]: output } };
  }
  return { job, finished: true };
}
