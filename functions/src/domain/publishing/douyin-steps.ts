import type { Series } from '../catalog/catalog';
import type { Action, EpisodeSync, Next, PlatformSteps, PublishJob } from './job';
import { awaitingIngest, PlatformError } from './job';
import type { PlayletLibrary, PullUrls } from './platforms';

/**
 * Douyin's playlet library, step by step: the cover and each episode uploaded (each video confirmed
 * by an upload_video callback), the album created, its episodes added in batches of at most 100
 * (keeping episode_id_map), the album submitted for review; once album_audit approves it, put
 * online and each episode bound to the player page.
 */
export interface DouyinStepPorts {
  library: PlayletLibrary;
  urls: PullUrls;
  /** The mini-program page Douyin opens for an episode. */
  playerPath: string;
  /** How long the platform may take to fetch an episode file. */
  pullTtlS: number;
  /** How long to wait before looking again for episodes the ingest is still working on. */
  ingestWaitMs: number;
  now: () => Date;
}

/** video/edit takes at most this many episodes a call. */
export const episodesPerEdit = 100;
/** A video Douyin refuses this often stops the job: the file itself needs fixing. */
export const maxUploadFailures = 3;

function withEpisode(job: PublishJob, index: number, change: Partial<EpisodeSync>): PublishJob {
  const current = job.episodes[String(index)];
  return { ...job, episodes: { ...job.episodes, [String(index)]: { ...current, ...change } as EpisodeSync } };
}

/** Up to three tags, the genre first (Douyin's tag_list). */
const albumTags = (series: Series) => [...new Set([series.genre, ...series.tags])].slice(0, 3);

export function douyinSteps(ports: DouyinStepPorts): PlatformSteps {
  const action = (key: string, run: Action['run']): Next => ({ action: { key, run } });
  return {
    next(job, series): Next {
      if (job.state === 'rejected' || job.state === 'in_review' || job.state === 'online') return { wait: job.state === 'online' ? 'done' : 'callback' };
      if (job.state === 'approved') {
        if (!job.online) {
          return action('online', async () => {
            await ports.library.putOnline(job.albumId!, job.reviewVersion!);
            return (j) => ({ ...j, online: true });
          });
        }
        const unbound = series.episodes.find((e) => !job.episodes[String(e.index)]?.bound);
        if (!unbound) return action('finish', async () => (j) => ({ ...j, state: 'online', nextAt: undefined }));
        const episodeId = job.episodes[String(unbound.index)].episodeId!;
        return action(`bind:${unbound.index}`, async () => {
          await ports.library.bind(job.albumId!, episodeId, ports.playerPath, { seriesId: series.id, episode: String(unbound.index) });
          return (j) => withEpisode(j, unbound.index, { bound: true });
        });
      }

      // uploading: the cover, then every episode file not yet on the platform (once the licence is burned in).
      if (awaitingIngest(series)) return { wait: 'poll', until: new Date(ports.now().getTime() + ports.ingestWaitMs) };
      if (job.cover?.key !== series.coverKey) {
        return action('cover', async () => {
          const id = await ports.library.uploadImage(ports.urls.coverUrl(series.coverKey));
          return (j) => ({ ...j, cover: { key: series.coverKey, id } });
        });
      }
      for (const episode of series.episodes) {
        const sync = job.episodes[String(episode.index)];
        if (sync?.mediaKey === episode.mediaKey && sync.upload !== 'failed') continue;
        const failures = sync?.mediaKey === episode.mediaKey ? (sync.failures ?? 0) : 0;
        if (failures >= maxUploadFailures) {
          return action('give-up', async () => (j) => ({ ...j, state: 'rejected', reason: `第${episode.index}集的视频抖音无法处理，请重新上传`, nextAt: undefined }));
        }
        return action(`upload:${episode.index}`, async () => {
          const url = await ports.urls.objectUrl(episode.mediaKey, ports.pullTtlS);
          const videoId = await ports.library.uploadVideo({ url, title: `${series.title} 第${episode.index}集`, description: episode.title });
          // A new episode file (or a new try) waits for its own upload_video callback.
          return (j) => ({ ...j, episodes: { ...j.episodes, [String(episode.index)]: { mediaKey: episode.mediaKey, resourceId: videoId, upload: 'pending', failures } } });
        });
      }
      if (series.episodes.some((e) => job.episodes[String(e.index)].upload !== 'ok')) return { wait: 'callback' };

      if (!job.albumId) {
        // A free drama may go without a licence: it is reviewed by the platform itself.
        const qualification = { budgetTier: series.budgetTier ?? 'platform', licence: series.licence ?? '' };
        return action('create', async () => {
          const albumId = await ports.library.createAlbum({
            title: series.title,
            episodeCount: series.episodes.length,
            coverIds: [job.cover!.id],
            year: Number((series.publishedAt ?? ports.now().toISOString()).slice(0, 4)),
            tags: albumTags(series),
            description: series.synopsis,
            qualification,
          });
          return (j) => ({ ...j, albumId, licence: qualification.licence });
        });
      }
      const missing = series.episodes.filter((e) => !job.episodes[String(e.index)].episodeId).slice(0, episodesPerEdit);
      if (missing.length) {
        return action(`edit:${missing[0].index}-${missing[missing.length - 1].index}`, async () => {
          const ids = await ports.library.addEpisodes(
            job.albumId!,
            missing.map((e) => ({ seq: e.index, title: e.title, coverId: job.cover!.id, videoId: job.episodes[String(e.index)].resourceId! })),
          );
          const unanswered = missing.filter((e) => !ids[e.index]);
          if (unanswered.length) throw new PlatformError(`video/edit returned no episode id for ${unanswered.map((e) => e.index).join(', ')}`, true);
          return (j) => missing.reduce((acc, e) => withEpisode(acc, e.index, { episodeId: ids[e.index] }), j);
        });
      }
      return action('review', async () => {
        const version = await ports.library.submitReview(job.albumId!);
        return (j) => ({ ...j, state: 'in_review', reason: undefined, reviewVersion: version, nextAt: undefined });
      });
    },
  };
}
