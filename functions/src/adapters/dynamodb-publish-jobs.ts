import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { ReviewPlatform } from '@drama/shared/going-live';
import { reviewOf, type Series } from '../domain/catalog/catalog';
import { reviewSummary, type PublishJob, type PublishJobStore } from '../domain/publishing/job';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/**
 * Publish jobs live in the catalog partition beside their series (`S#<id>#P#<platform>`), so the
 * one catalog read that serves viewers also knows each series' review state and platform ids. A
 * due job carries `gsi1pk = PUBLISHDUE` and `gsi1sk = nextAt`: the sweep's sparse index.
 */
export const publishSk = (seriesId: string, platform: ReviewPlatform) => `${keys.seriesSk(seriesId)}#P#${platform}`;
const duePk = 'PUBLISHDUE';

function toItem(job: PublishJob): Record<string, unknown> {
  return {
    pk: keys.catalogPk,
    sk: publishSk(job.seriesId, job.platform),
    kind: 'publish',
    seriesId: job.seriesId,
    platform: job.platform,
    version: job.version,
    job: JSON.stringify(job),
    ...(job.nextAt ? { gsi1pk: duePk, gsi1sk: job.nextAt } : {}),
  };
}

const fromItem = (item: Record<string, unknown>): PublishJob => JSON.parse(item.job as string) as PublishJob;

export const dynamoPublishJobs: PublishJobStore = {
  async get(seriesId, platform) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: { pk: keys.catalogPk, sk: publishSk(seriesId, platform) }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  },

  async put(job, expected) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: toItem(job),
          ConditionExpression: expected === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expected === undefined ? {} : { ExpressionAttributeValues: { ':v': expected } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async list() {
    const jobs: PublishJob[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await documentClient().send(
        new QueryCommand({
          TableName: config().tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'kind = :kind',
          ExpressionAttributeValues: { ':pk': keys.catalogPk, ':kind': 'publish' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) jobs.push(fromItem(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return jobs;
  },

  async due(before, limit) {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: config().tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :before',
        ExpressionAttributeValues: { ':pk': duePk, ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({ seriesId: item.seriesId as string, platform: item.platform as ReviewPlatform }));
  },
};

/** A catalog-partition publish item folded into its series: review state and platform ids. */
export function attachPublishItem(series: Series, item: Record<string, unknown>): void {
  const job = fromItem(item);
  const summary = reviewSummary(job);
  series.review = reviewOf(series);
  if (job.platform === 'douyin') {
    series.review.douyin = summary;
    const episodeIds = Object.fromEntries(Object.entries(job.episodes).flatMap(([i, e]) => (e.episodeId ? [[Number(i), e.episodeId]] : [])));
    if (job.albumId) series.platformIds = { ...series.platformIds, douyin: { albumId: job.albumId, episodeIds } };
  } else {
    series.review.wechat = summary;
    const mediaIds = Object.fromEntries(Object.entries(job.episodes).flatMap(([i, e]) => (e.resourceId && e.upload === 'ok' ? [[Number(i), e.resourceId]] : [])));
    series.platformIds = { ...series.platformIds, wechat: { mediaIds } };
  }
}
