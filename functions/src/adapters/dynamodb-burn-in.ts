import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IngestJob, IngestJobStore, IngestPorts } from '../domain/media/burn-in';
import { keys } from './dynamodb';

/**
 * Ingest jobs (`INGEST#<seriesId>` / `E#<index>`), whole-item puts on their version; an unserved job
 * carries `gsi1pk = INGESTDUE` (sparse) so the sweep finds what a crash left. Built on a given client
 * so the seed runs the same ingest on its own connection.
 */
export function dynamoIngestJobs(documents: () => DynamoDBDocumentClient, tableName: () => string): IngestJobStore {
  const key = (seriesId: string, index: number) => ({ pk: `INGEST#${seriesId}`, sk: `E#${String(index).padStart(4, '0')}` });
  return {
    async get(seriesId, index) {
      const { Item } = await documents().send(new GetCommand({ TableName: tableName(), Key: key(seriesId, index), ConsistentRead: true }));
      return Item ? (JSON.parse(Item.job as string) as IngestJob) : undefined;
    },
    async put(job, expected) {
      try {
        await documents().send(
          new PutCommand({
            TableName: tableName(),
            Item: { ...key(job.seriesId, job.index), kind: 'ingest', seriesId: job.seriesId, index: job.index, version: job.version, job: JSON.stringify(job), ...(job.done ? {} : { gsi1pk: 'INGESTDUE', gsi1sk: job.updatedAt }) },
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
    async stale(before, limit) {
      const page = await documents().send(
        new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before', ExpressionAttributeValues: { ':pk': 'INGESTDUE', ':before': before.toISOString() }, Limit: limit }),
      );
      return (page.Items ?? []).map((i) => ({ seriesId: i.seriesId as string, index: i.index as number }));
    },
  };
}

/** The episode's upload and licence, and the conditional write that serves the ingest's output. */
export function dynamoIngestCatalog(documents: () => DynamoDBDocumentClient, tableName: () => string): Pick<IngestPorts, 'episode' | 'serve'> {
  return {
    async episode(seriesId, index) {
      const [series, episode] = await Promise.all([
        documents().send(new GetCommand({ TableName: tableName(), Key: { pk: keys.catalogPk, sk: keys.seriesSk(seriesId) }, ConsistentRead: true })),
        documents().send(new GetCommand({ TableName: tableName(), Key: { pk: keys.catalogPk, sk: keys.episodeSk(seriesId, index) }, ConsistentRead: true })),
      ]);
      if (!series.Item || !episode.Item) return undefined;
      return { sourceKey: (episode.Item.sourceKey ?? episode.Item.mediaKey) as string, ...(series.Item.licence ? { licence: series.Item.licence as string } : {}) };
    },
    async serve(seriesId, index, result) {
      try {
        await documents().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: { pk: keys.catalogPk, sk: keys.episodeSk(seriesId, index) },
            UpdateExpression: `SET mediaKey = :media, sourceKey = :source${result.burnedLicence ? ', burnedLicence = :licence' : ' REMOVE burnedLicence'}`,
            ConditionExpression: 'sourceKey = :source OR (attribute_not_exists(sourceKey) AND mediaKey = :source)',
            ExpressionAttributeValues: { ':media': result.mediaKey, ':source': result.sourceKey, ...(result.burnedLicence ? { ':licence': result.burnedLicence } : {}) },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
