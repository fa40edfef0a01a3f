import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoPublishJobs } from '../adapters/dynamodb-publish-jobs';
import { douyinPlayletLibrary } from '../adapters/platform/douyin-playlet';
import { s3Media } from '../adapters/s3-media';
import { douyinSteps } from '../domain/publishing/douyin-steps';
import type { DriverPorts } from '../domain/publishing/job';
import type { PullUrls } from '../domain/publishing/platforms';
import { wechatSteps } from '../domain/publishing/wechat-steps';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock } from './ports';
import { mediaAssets } from './wechat-media-ports';

/** The platforms fetch our files from presigned URLs signed for them (the user parameter names who). */
const pullUrls = (platform: string): PullUrls => ({
  objectUrl: (key, ttlS) => s3Media.signPlayUrl(key, `platform:${platform}`, ttlS, clock()),
  coverUrl: (key) => s3Media.coverUrl(key),
});
/** Long enough for a platform to queue and fetch a file. */
const pullTtlS = 6 * 3600;

/** The publish driver's adapters: the jobs, the catalog, and each platform's API as its steps call it. */
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
    log: (message, fields) => logger.info(message, fields),
  };
}
