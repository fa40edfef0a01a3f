import type { Series } from '../catalog/catalog';
import { awaitingIngest, type Action, type EpisodeSync, type Next, type PlatformSteps, type PublishJob } from './job';
import { wechatMediaName, type MediaAssets, type PullUrls } from './platforms';

/**
 * WeChat's media assets, step by step: the cover (and, for a platform-tier review, the cost report)
 * as temporary materials, each episode pull-uploaded from a presigned URL under the name
 * "剧名 - 第N集" and its task polled until the media is in, then the drama submitted for review with
 * its qualification; the secvod_audit_event push brings the decision.
 */
export interface WechatStepPorts {
  assets: MediaAssets;
  urls: PullUrls;
  pullTtlS: number;
  /** Between gettask polls of a running pull. */
  pollMs: number;
  /** 制作方 as the drama's producer. */
  producer: string;
  now: () => Date;
}

export const maxPullFailures = 3;

function withEpisode(job: PublishJob, index: number, sync: EpisodeSync): PublishJob {
  return { ...job, episodes: { ...job.episodes, [String(index)]: sync } };
}

export function wechatSteps(ports: WechatStepPorts): PlatformSteps {
  const action = (key: string, run: Action['run']): Next => ({ action: { key, run } });
  return {
    next(job, series: Series): Next {
      if (job.state !== 'uploading') return { wait: job.state === 'in_review' ? 'callback' : 'done' };
      if (awaitingIngest(series)) return { wait: 'poll', until: new Date(ports.now().getTime() + ports.pollMs) };
      if (job.cover?.key !== series.coverKey) {
        return action('cover', async () => {
          const id = await ports.assets.uploadMaterial(ports.urls.coverUrl(series.coverKey), `${series.id}-cover.jpg`);
          return (j) => ({ ...j, cover: { key: series.coverKey, id } });
        });
      }
      const tier = series.budgetTier ?? 'platform';
      if (tier === 'platform' && series.costReportKey && job.report?.key !== series.costReportKey) {
        const key = series.costReportKey;
        return action('report', async () => {
          const id = await ports.assets.uploadMaterial(await ports.urls.objectUrl(key, ports.pullTtlS), key.split('/').pop()!);
          return (j) => ({ ...j, report: { key, id } });
        });
      }

      for (const episode of series.episodes) {
        const sync = job.episodes[String(episode.index)];
        if (sync?.mediaKey === episode.mediaKey && sync.upload !== 'failed') continue;
        const failures = sync?.mediaKey === episode.mediaKey ? (sync.failures ?? 0) : 0;
        if (failures >= maxPullFailures) {
          return action('give-up', async () => (j) => ({ ...j, state: 'rejected', reason: `第${episode.index}集的视频微信无法处理，请重新上传`, nextAt: undefined }));
        }
        const name = wechatMediaName(series.title, episode.index);
        return action(`pull:${episode.index}`, async (reconcile) => {
          // A crash after the last pull and before its task was recorded: take the media it made.
          const found = reconcile ? await ports.assets.findMedia(name) : undefined;
          if (found) return (j) => withEpisode(j, episode.index, { mediaKey: episode.mediaKey, resourceId: found, upload: 'ok', failures });
          const url = await ports.urls.objectUrl(episode.mediaKey, ports.pullTtlS);
          const taskId = await ports.assets.pullUpload(name, url, ports.urls.coverUrl(series.coverKey));
          return (j) => withEpisode(j, episode.index, { mediaKey: episode.mediaKey, taskId, upload: 'pending', failures });
        });
      }
      const pending = series.episodes.find((e) => job.episodes[String(e.index)].upload === 'pending');
      if (pending) {
        const sync = job.episodes[String(pending.index)];
        return action(`task:${pending.index}`, async () => {
          const task = await ports.assets.task(sync.taskId!);
          if (task.status === 'running') return (j) => ({ ...j, nextAt: new Date(ports.now().getTime() + ports.pollMs).toISOString() });
          if (task.status === 'failed') return (j) => withEpisode(j, pending.index, { ...sync, upload: 'failed', failures: (sync.failures ?? 0) + 1 });
          return (j) => withEpisode(j, pending.index, { ...sync, resourceId: task.mediaId, upload: 'ok' });
        });
      }

      const licence = series.licence ?? '';
      return action('audit', async () => {
        const dramaId = await ports.assets.auditDrama({
          dramaId: job.dramaId,
          name: series.title,
          mediaIds: series.episodes.map((e) => job.episodes[String(e.index)].resourceId!),
          description: series.synopsis || series.title,
          producer: ports.producer,
          coverMaterialId: job.cover!.id,
          qualification: { budgetTier: tier, licence },
          ...(job.report ? { costReportMaterialId: job.report.id } : {}),
        });
        return (j) => ({ ...j, state: 'in_review', reason: undefined, dramaId, licence, nextAt: undefined });
      });
    },
  };
}
