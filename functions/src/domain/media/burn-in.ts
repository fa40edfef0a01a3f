import { createHash } from 'node:crypto';

/**
 * The episode ingest: what is done to each episode file after an operator's upload is complete (and
 * by the seed for the demo episodes), as one re-drivable job per episode whose state is one item,
 * written only on its version (each step one conditional write). Its ordered steps:
 *   1. burn-in: the series' licence (备案号) burned into the opening seconds (adapters/ffmpeg-burn-in.ts)
 *   (2. preview and 3. HLS with marks come after it, in this order, as their own steps.)
 * A run belongs to one (upload, licence) pair: a new upload or a new licence starts a new run; a
 * finished step is never done again (its output key is a function of the run, so a crash after the
 * work and before its record only redoes the same object). When every step is done the episode is
 * served from the last output, in a write conditional on the upload still being the same one.
 */
export const ingestSteps = ['burn-in'] as const;
export type IngestStep = (typeof ingestSteps)[number];

export interface IngestJob {
  seriesId: string;
  index: number;
  /** The run: the operator's upload and the licence it is burned with ('' for none). */
  sourceKey: string;
  licence: string;
  version: number;
  /** Each finished step's output object. */
  steps: Partial<Record<IngestStep, { outputKey: string }>>;
  /** Served, or given up on: off the sweep's index. */
  done: boolean;
  /** Tries that failed (an undecodable upload); after `maxIngestFailures` the sweep stops trying. */
  failures?: number;
  lastError?: string;
  updatedAt: string;
}

export const maxIngestFailures = 3;

export interface IngestJobStore {
  get(seriesId: string, index: number): Promise<IngestJob | undefined>;
  /** Writes the job if the stored version is still `expected` (`undefined`: none stored yet). */
  put(job: IngestJob, expected: number | undefined): Promise<boolean>;
  /** Unserved jobs last touched before `before` (a crash or a failure left them). */
  stale(before: Date, limit: number): Promise<Array<{ seriesId: string; index: number }>>;
}

export interface IngestPorts {
  jobs: IngestJobStore;
  /** The episode's upload and its series' licence, read now. */
  episode(seriesId: string, index: number): Promise<{ sourceKey: string; licence?: string } | undefined>;
  /** Step 1: `licence` burned into the opening seconds of `sourceKey`, written to `outputKey`. */
  burnIn(input: { sourceKey: string; outputKey: string; licence: string }): Promise<void>;
  /** Serves `mediaKey` for the episode if its upload is still `sourceKey` (false: a newer upload won). */
  serve(seriesId: string, index: number, result: { sourceKey: string; mediaKey: string; burnedLicence?: string }): Promise<boolean>;
  /** An episode is served from its ingest's output: what waits for it (the publish jobs) may move on. */
  onServed?: (seriesId: string) => Promise<void>;
  now: () => Date;
}

/** Where a run's burned episode goes: one key per (upload, licence), so a redo overwrites the same object. */
export function burnedKey(seriesId: string, index: number, sourceKey: string, licence: string): string {
  const run = createHash('sha256').update(`${sourceKey}\n${licence}`).digest('hex').slice(0, 16);
  return `media/${seriesId}/ingest/${index}-${run}.mp4`;
}

export type IngestOutcome = 'served' | 'superseded' | 'missing';

async function write(jobs: IngestJobStore, job: IngestJob, expected: number | undefined, now: Date): Promise<IngestJob | undefined> {
  const next = { ...job, version: (expected ?? 0) + 1, updatedAt: now.toISOString() };
  return (await jobs.put(next, expected)) ? next : undefined;
}

/** Runs (or finishes) the ingest of one episode's current upload. Safe to run any number of times, concurrently. */
export async function ingestEpisode(seriesId: string, index: number, ports: IngestPorts, tries = 0): Promise<IngestOutcome> {
  if (tries > 8) throw new Error(`ingest of ${seriesId} #${index}: too many concurrent writers`);
  const episode = await ports.episode(seriesId, index);
  if (!episode) return 'missing';
  const licence = episode.licence ?? '';
  let job = await ports.jobs.get(seriesId, index);
  if (!job || job.sourceKey !== episode.sourceKey || job.licence !== licence) {
    const run: IngestJob = { seriesId, index, sourceKey: episode.sourceKey, licence, version: 0, steps: {}, done: false, updatedAt: '' };
    job = await write(ports.jobs, run, job?.version, ports.now());
    if (!job) return ingestEpisode(seriesId, index, ports, tries + 1);
  }

  if (licence && !job.steps['burn-in']) {
    const outputKey = burnedKey(seriesId, index, job.sourceKey, licence);
    try {
      await ports.burnIn({ sourceKey: job.sourceKey, outputKey, licence });
    } catch (error) {
      // Recorded, so the sweep gives up on a file that cannot be processed (the upload keeps being served).
      const failures = (job.failures ?? 0) + 1;
      await write(ports.jobs, { ...job, failures, lastError: (error as Error).message.slice(0, 500), done: failures >= maxIngestFailures }, job.version, ports.now());
      throw error;
    }
    const recorded = await write(ports.jobs, { ...job, steps: { ...job.steps, 'burn-in': { outputKey } } }, job.version, ports.now());
    if (!recorded) return ingestEpisode(seriesId, index, ports, tries + 1);
    job = recorded;
  }

  const output = job.steps['burn-in']?.outputKey ?? job.sourceKey;
  if (!(await ports.serve(seriesId, index, { sourceKey: job.sourceKey, mediaKey: output, ...(licence ? { burnedLicence: licence } : {}) }))) return 'superseded';
  if (!job.done) {
    await write(ports.jobs, { ...job, done: true }, job.version, ports.now());
    await ports.onServed?.(seriesId);
  }
  return 'served';
}

/** The sweep: finishes ingests a crash or a failure left unserved (older than `olderThanMs`). */
export async function ingestStale(ports: IngestPorts, olderThanMs: number, limit = 10): Promise<number> {
  const stale = await ports.jobs.stale(new Date(ports.now().getTime() - olderThanMs), limit);
  for (const { seriesId, index } of stale) await ingestEpisode(seriesId, index, ports).catch(() => undefined);
  return stale.length;
}
