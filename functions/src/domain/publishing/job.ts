import { randomBytes } from 'node:crypto';
import type { ReviewPlatform, ReviewState } from '@drama/shared/going-live';
import type { Series } from '../catalog/catalog';

/**
 * A series' publication on one platform's media library, as a re-drivable job. Its state is one
 * item, written whole and only on its version (a conditional put), so every step is one conditional
 * write and any number of drivers (the publish that started it, the platform's callbacks, the
 * scheduled sweep) can run at once without doing anything twice:
 *
 *   read → claim the next action (write: version+1, a lease) → call the platform →
 *   record the result (write: version+2, lease cleared)
 *
 * A driver that finds a live lease leaves the job alone. A crash after the claim leaves the lease to
 * expire; the next driver then re-does that one action with `reconcile` set, so a platform that can
 * be asked (WeChat's media list, by file name) is asked before anything is uploaded again. A crash
 * between two actions loses nothing: the recorded results say what is done. Transient platform
 * errors retry with backoff (`nextAt`, indexed for the sweep); a job waiting for a callback has no
 * `nextAt` and is moved on by the callback.
 */

/** One episode as the platform holds it. */
export interface EpisodeSync {
  /** The object uploaded (a changed episode file is uploaded again). */
  mediaKey: string;
  /** Douyin's open_video_id, WeChat's media_id. */
  resourceId?: string;
  /** Whether the platform took the file: Douyin's upload_video callback, WeChat's pull task. */
  upload?: 'pending' | 'ok' | 'failed';
  /** WeChat's pull-upload task. */
  taskId?: string;
  /** Douyin's episode id in the album (video/edit's episode_id_map). */
  episodeId?: string;
  /** Douyin: bound to the player page. */
  bound?: boolean;
  /** Uploads the platform refused so far. */
  failures?: number;
}

export interface PublishJob {
  seriesId: string;
  platform: ReviewPlatform;
  state: ReviewState;
  /** The platform's reasons for a rejection, or why the job stopped. */
  reason?: string;
  version: number;
  /** An action under way: nobody else starts one until `until`. */
  claim?: { action: string; token: string; until: string };
  /** Failed tries of the current action (reset by a success). */
  attempts: number;
  /** When the job is due for its next action; absent while it waits for the platform. */
  nextAt?: string;
  lastError?: string;
  updatedAt: string;
  cover?: { key: string; id: string };
  /** WeChat: the cost report as a material (platform-tier review). */
  report?: { key: string; id: string };
  /** By episode index. */
  episodes: Record<string, EpisodeSync>;
  /** The licence the platform was given (a new one means a new review). */
  licence?: string;
  albumId?: string;
  /** Douyin: the album version under review (video/review) and approved (album_audit). */
  reviewVersion?: string;
  online?: boolean;
  dramaId?: string;
}

export interface PublishJobStore {
  get(seriesId: string, platform: ReviewPlatform): Promise<PublishJob | undefined>;
  /** Writes the whole job if the stored version is still `expected` (`undefined`: none stored yet). */
  put(job: PublishJob, expected: number | undefined): Promise<boolean>;
  /** Every job (callbacks find theirs by a platform id). */
  list(): Promise<PublishJob[]>;
  /** Jobs due before `before`, oldest first. */
  due(before: Date, limit: number): Promise<Array<{ seriesId: string; platform: ReviewPlatform }>>;
}

/** A platform call failed: `transient` ones are retried with backoff, others stop the job. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface Action {
  /** Names the action for the lease: `upload:3`, `edit:1-100`, `review`. */
  key: string;
  run(reconcile: boolean): Promise<(job: PublishJob) => PublishJob>;
}
/** What a job does next: an action, or wait (for a callback, or `until` a poll). */
export type Next = { action: Action } | { wait: 'callback' | 'done' } | { wait: 'poll'; until: Date };

export interface PlatformSteps {
  next(job: PublishJob, series: Series): Next;
}

export interface DriverPorts {
  jobs: PublishJobStore;
  /** The series as stored now (not the viewers' cache). */
  series(seriesId: string): Promise<Series | undefined>;
  steps: Record<ReviewPlatform, PlatformSteps>;
  now: () => Date;
  /** How long a claimed action may run before another driver may take it over. */
  leaseMs: number;
  /** Pauses before each retry of a transient failure; the last repeats. */
  retryDelaysMs: readonly number[];
  log: (message: string, fields: Record<string, unknown>) => void;
}

const at = (d: Date) => d.toISOString();

/**
 * Applies `change` to the job and writes it on its version, re-reading and re-applying when another
 * writer got there first (a callback, another driver). `change` returns null to leave it as it is.
 */
export async function updateJob(
  jobs: PublishJobStore,
  id: { seriesId: string; platform: ReviewPlatform },
  change: (job: PublishJob) => PublishJob | null,
  now: Date,
): Promise<PublishJob | undefined> {
  for (let tries = 0; tries < 8; tries++) {
    const job = await jobs.get(id.seriesId, id.platform);
    if (!job) return undefined;
    const next = change(job);
    if (!next) return job;
    const written = { ...next, version: job.version + 1, updatedAt: at(now) };
    if (await jobs.put(written, job.version)) return written;
  }
  throw new Error(`publish job ${id.seriesId}/${id.platform}: too many concurrent writers`);
}

/**
 * Runs one job's actions until it waits (for a callback, a poll, a retry), another driver holds it,
 * or `maxActions` ran. Returns the job as left.
 */
export async function driveJob(seriesId: string, platform: ReviewPlatform, ports: DriverPorts, maxActions = 500): Promise<PublishJob | undefined> {
  let job = await ports.jobs.get(seriesId, platform);
  for (let n = 0; job && n < maxActions; n++) {
    const now = ports.now();
    if (job.claim && Date.parse(job.claim.until) > now.getTime()) return job;
    if (!job.nextAt || Date.parse(job.nextAt) > now.getTime()) return job;
    const series = await ports.series(seriesId);
    if (!series) return job;
    const next = ports.steps[platform].next(job, series);
    if ('wait' in next) {
      // Off the sweep's index (or on it at the poll's time) until a callback moves the job on.
      const waiting: PublishJob = { ...job, version: job.version + 1, updatedAt: at(now), claim: undefined, nextAt: next.wait === 'poll' ? at(next.until) : undefined };
      if (!(await ports.jobs.put(waiting, job.version))) {
        job = await ports.jobs.get(seriesId, platform);
        continue;
      }
      // A poll is the sweep's to make (the schedule, or a kick when the platform moves): no busy waiting here.
      return waiting;
    }
    // Claim: one conditional write; losing it means someone else moved the job on.
    const reconcile = job.claim?.action === next.action.key;
    const token = randomBytes(8).toString('hex');
    const claimed: PublishJob = { ...job, version: job.version + 1, updatedAt: at(now), claim: { action: next.action.key, token, until: at(new Date(now.getTime() + ports.leaseMs)) } };
    if (!(await ports.jobs.put(claimed, job.version))) {
      job = await ports.jobs.get(seriesId, platform);
      continue;
    }
    job = await perform(claimed, next.action, reconcile, ports);
  }
  return job;
}

/** Runs a claimed action and records what came of it (one conditional write, re-applied on a race). */
async function perform(claimed: PublishJob, action: Action, reconcile: boolean, ports: DriverPorts): Promise<PublishJob | undefined> {
  const token = claimed.claim!.token;
  let apply: (job: PublishJob) => PublishJob;
  try {
    const result = await action.run(reconcile);
    apply = (j) => ({ ...result(j), attempts: 0, lastError: undefined });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    ports.log('publish action failed', { seriesId: claimed.seriesId, platform: claimed.platform, action: action.key, transient: error.transient, error: error.message });
    apply = error.transient
      ? (j) => {
          const attempts = j.attempts + 1;
          const delay = ports.retryDelaysMs[Math.min(attempts, ports.retryDelaysMs.length) - 1] ?? 60_000;
          return { ...j, attempts, lastError: error.message, nextAt: at(new Date(ports.now().getTime() + delay)) };
        }
      : (j) => ({ ...j, state: 'rejected', reason: error.message, lastError: error.message, nextAt: undefined });
  }
  // Only our own claim is settled: if it was taken over meanwhile (we ran past the lease), the new
  // holder re-does the action with `reconcile` set.
  return updateJob(
    ports.jobs,
    claimed,
    (j) => {
      if (j.claim?.token !== token) return null;
      const done = apply({ ...j, nextAt: at(ports.now()) });
      return { ...done, claim: undefined };
    },
    ports.now(),
  );
}

/** The sweep: drives every job that is due (retries, polls, actions a crash left behind). */
export async function driveDueJobs(ports: DriverPorts, limit = 50): Promise<number> {
  const due = await ports.jobs.due(ports.now(), limit);
  for (const id of due) await driveJob(id.seriesId, id.platform, ports);
  return due.length;
}

/** What the console and the catalog show of a job. */
export function reviewSummary(job: PublishJob | undefined): { state: ReviewState; reason?: string; albumId?: string; dramaId?: string } {
  if (!job) return { state: 'draft' };
  return {
    state: job.state,
    ...(job.reason ? { reason: job.reason } : job.lastError && job.attempts > 0 ? { reason: `重试中：${job.lastError}` } : {}),
    ...(job.platform === 'douyin' && job.albumId ? { albumId: job.albumId } : {}),
    ...(job.platform === 'wechat' && job.dramaId ? { dramaId: job.dramaId } : {}),
  };
}

/** Whether some episode still lacks the series' licence in its opening seconds: no platform gets it before the ingest burned it in. */
export function awaitingIngest(series: Series): boolean {
  return Boolean(series.licence) && series.episodes.some((e) => e.burnedLicence !== series.licence);
}

/** Drives both of a series' jobs (a publish or a callback moved them on). */
export async function driveSeries(seriesId: string, ports: DriverPorts): Promise<number> {
  let driven = 0;
  for (const platform of ['douyin', 'wechat'] as const) if (await driveJob(seriesId, platform, ports)) driven++;
  return driven;
}
