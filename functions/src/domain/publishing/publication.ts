import { reviewPlatforms, type ReviewPlatform } from '@drama/shared/going-live';
import { BadRequest, NotFound } from '../errors';
import { updateJob, type PublishJob, type PublishJobStore } from './job';

/**
 * Starting a series' publication on both platforms, and the platforms' verified callbacks moving
 * its jobs on. Each change is one conditional write on the job (job.ts); a change that moves a job
 * on has it driven at once (`kick`) instead of at the next sweep.
 */
export interface PublicationPorts {
  jobs: PublishJobStore;
  now: () => Date;
  /** Has the series' jobs driven now, asynchronously (the sweep would find them later anyway). */
  kick(seriesId: string): Promise<void>;
  log: (message: string, fields: Record<string, unknown>) => void;
}

const fresh = (seriesId: string, platform: ReviewPlatform, now: Date): PublishJob => ({
  seriesId,
  platform,
  state: 'uploading',
  version: 1,
  attempts: 0,
  nextAt: now.toISOString(),
  updatedAt: now.toISOString(),
  episodes: {},
});

/**
 * A series was put on sale: its jobs start, or start again after a rejection (what the platform
 * already holds is kept; changed episode files are uploaded anew). Jobs under way are left to run.
 */
export async function startPublication(seriesId: string, ports: PublicationPorts): Promise<void> {
  const now = ports.now();
  for (const platform of reviewPlatforms) {
    if (await ports.jobs.put(fresh(seriesId, platform, now), undefined)) continue;
    await updateJob(
      ports.jobs,
      { seriesId, platform },
      (job) => {
        if (job.state === 'rejected' || job.state === 'draft') return { ...job, state: 'uploading', reason: undefined, attempts: 0, lastError: undefined, nextAt: now.toISOString() };
        if (job.state === 'uploading' && !job.nextAt) return { ...job, nextAt: now.toISOString() };
        return null;
      },
      now,
    );
  }
  await ports.kick(seriesId);
}

type Found = { job: PublishJob; index?: string };

async function findJob(platform: ReviewPlatform, match: (job: PublishJob) => string | boolean | undefined, ports: PublicationPorts): Promise<Found | undefined> {
  for (const job of await ports.jobs.list()) {
    if (job.platform !== platform) continue;
    const m = match(job);
    if (m) return { job, ...(typeof m === 'string' ? { index: m } : {}) };
  }
  return undefined;
}

export type EventOutcome = 'applied' | 'unchanged' | 'unknown';

/** Douyin's upload_video callback: the platform took (or could not take) one of our videos. */
export async function douyinVideoProcessed(openVideoId: string, success: boolean, ports: PublicationPorts): Promise<EventOutcome> {
  const found = await findJob('douyin', (job) => Object.entries(job.episodes).find(([, e]) => e.resourceId === openVideoId)?.[0], ports);
  if (!found) return 'unknown';
  const index = found.index!;
  const now = ports.now();
  let applied = false;
  await updateJob(
    ports.jobs,
    found.job,
    (job) => {
      const episode = job.episodes[index];
      if (episode?.resourceId !== openVideoId || episode.upload !== 'pending') return null;
      applied = true;
      const next = success ? { ...episode, upload: 'ok' as const } : { ...episode, upload: 'failed' as const, failures: (episode.failures ?? 0) + 1 };
      return { ...job, episodes: { ...job.episodes, [index]: next }, nextAt: now.toISOString() };
    },
    now,
  );
  if (applied) await ports.kick(found.job.seriesId);
  return applied ? 'applied' : 'unchanged';
}

/**
 * A review decision (Douyin's album_audit, WeChat's secvod_audit_event) for the job holding
 * `platformId`. 'unknown' also when the submission's own answer is not recorded yet (the decision
 * overtook it): the caller answers so that the platform sends it again.
 */
export async function reviewDecided(
  platform: ReviewPlatform,
  platformId: string,
  decision: ({ approved: true } | { approved: false; reason: string }) & { version?: string },
  ports: PublicationPorts,
): Promise<EventOutcome> {
  const found = await findJob(platform, (job) => (platform === 'douyin' ? job.albumId === platformId : job.dramaId === platformId), ports);
  if (!found) return 'unknown';
  const now = ports.now();
  let applied = false;
  let early = false;
  await updateJob(
    ports.jobs,
    found.job,
    (job) => {
      if (job.state === 'uploading') {
        early = job.claim?.action === 'review' || job.claim?.action === 'audit';
        return null;
      }
      // Only a drama under review takes a decision: a repeated one, or one about an earlier
      // submission (Douyin names the version), changes nothing.
      if (job.state !== 'in_review') return null;
      if (decision.version !== undefined && job.reviewVersion !== undefined && decision.version !== job.reviewVersion) return null;
      applied = true;
      if (!decision.approved) return { ...job, state: 'rejected', reason: decision.reason, nextAt: undefined };
      // Douyin puts the approved version online and binds it; WeChat plays it as soon as it passed.
      return { ...job, state: 'approved', reason: undefined, reviewVersion: decision.version ?? job.reviewVersion, nextAt: platform === 'douyin' ? now.toISOString() : undefined };
    },
    now,
  );
  ports.log('platform review decided', { platform, platformId, approved: decision.approved, applied, early });
  if (applied && decision.approved) await ports.kick(found.job.seriesId);
  return applied ? 'applied' : early ? 'unknown' : 'unchanged';
}

/** A verified callback of Douyin's playlet library. */
export type PlayletEvent =
  | { kind: 'video'; openVideoId: string; success: boolean }
  | { kind: 'audit'; albumId: string; approved: true; version?: string }
  | { kind: 'audit'; albumId: string; approved: false; reason: string; version?: string };

/**
 * POST /platform/douyin/playlet, once verified: an upload's result or a review decision moves its
 * publish job (a repeat changes nothing); a body without its fields is a 400, a type we do not handle
 * is acknowledged. One naming a video or album no job holds yet is a 404, so the platform retries it:
 * a callback can overtake the write that records what the upload call returned.
 */
export async function receivePlayletCallback(
  callback: PlayletEvent | { kind: 'malformed'; reason: string } | { kind: 'ignored'; type: string },
  ports: PublicationPorts,
): Promise<void> {
  if (callback.kind === 'malformed') throw new BadRequest(callback.reason);
  if (callback.kind === 'ignored') return ports.log('playlet callback ignored', { type: callback.type });
  const outcome =
    callback.kind === 'video'
      ? await douyinVideoProcessed(callback.openVideoId, callback.success, ports)
      : await reviewDecided('douyin', callback.albumId, callback.approved ? { approved: true, version: callback.version } : { approved: false, reason: callback.reason, version: callback.version }, ports);
  if (outcome === 'unknown') throw new NotFound('no publish job holds this video or album (yet)');
}

/**
 * WeChat's secvod_audit_event: audit_detail.status 3 passed, 2 rejected, 4 rejected to be refilled
 * (1 still in review). A rejection's reasons are the reviewers' notes on its episodes.
 */
export async function wechatAuditEvent(dramaId: string, status: number, reasonsOf: (dramaId: string) => Promise<string[]>, ports: PublicationPorts): Promise<EventOutcome> {
  if (status === 3) return reviewDecided('wechat', dramaId, { approved: true }, ports);
  if (status !== 2 && status !== 4) return 'unchanged';
  const reasons = await reasonsOf(dramaId).catch(() => [] as string[]);
  return reviewDecided('wechat', dramaId, { approved: false, reason: reasons.length ? reasons.join('；') : '审核未通过' }, ports);
}
