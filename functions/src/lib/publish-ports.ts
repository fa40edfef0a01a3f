import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoPublishJobs } from '../adapters/dynamodb-publish-jobs';
import { invokeAsync } from '../adapters/lambda-invoke';
import { douyinPlayletLibrary } from '../adapters/platform/douyin-playlet';
import { wechatMediaAssets } from '../adapters/platform/wechat-vod';
import { s3Media } from '../adapters/s3-media';
import { douyinSteps } from '../domain/publishing/douyin-steps';
import type { DriverPorts } from '../domain/publishing/job';
import type { PullUrls } from '../domain/publishing/platforms';
import type { PublicationPorts } from '../domain/publishing/publication';
import { wechatSteps } from '../domain/publishing/wechat-steps';
import { config } from './config';
import { logger } from './logger';
import { clock } from './ports';

/** The publish jobs' adapters (going live on the platforms), built once per container. */
export const mediaAssets = wechatMediaAssets();
/** What /play needs of the platforms' media: WeChat's temporary links. */
export const platformMedia = { wechatLink: (mediaId: string, expiresAt: Date) => mediaAssets.mediaLink(mediaId, expiresAt) };
const log = (message: string, fields: Record<string, unknown>) => logger.info(message, fields);

/** The platforms fetch our files from presigned URLs signed for them (the user parameter names who). */
const pullUrls = (platform: string): PullUrls => ({
  objectUrl: (key, ttlS) => s3Media.signPlayUrl(key, `platform:${platform}`, ttlS, clock()),
  coverUrl: (key) => s3Media.coverUrl(key),
});
/** Long enough for a platform to queue and fetch a file. */
const pullTtlS = 6 * 3600;

/** A job that can move on is driven at once by syncPlatforms (the schedule would find it later). */
const kick = (seriesId: string) => invokeAsync(config().publishing.syncFunction, { seriesId });

export const publicationPorts: PublicationPorts = { jobs: dynamoPublishJobs, now: clock, kick, log };

export function driverPorts(): DriverPorts {
  const c = config().publishing;
  return {
    jobs: dynamoPublishJobs,
    series: async (id) => (await readCatalog()).find((s) => s.id === id),
    steps: {
      douyin: douyinSteps({ library: douyinPlayletLibrary(), urls: pullUrls('douyin'), playerPath: c.playerPath, pullTtlS, ingestWaitMs: c.pollMs, now: clock }),
      wechat: wechatSteps({ assets: mediaAssets, urls: pullUrls('wechat'), pullTtlS, pollMs: c.pollMs, producer: c.producer, now: clock }),
    },
    now: clock,
    leaseMs: c.leaseMs,
    retryDelaysMs: c.retryDelaysMs,
    log,
  };
}
