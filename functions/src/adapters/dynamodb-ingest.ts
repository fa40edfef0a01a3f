import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IngestJob, IngestStore } from '../domain/media/ingest';
import { keys } from './dynamodb';

/**
 * Ingest jobs in the catalog partition, right after their episode (`S#<series>#E#<nnnn>#INGEST`):
 * the catalog's one Query reads them with the episodes and serves a step's output (the HLS layout)
 * only while the job's source is the episode's media. Built from a client and a table so the Lambda
 * and the local seed use the same code.
 */
export const ingestSk = (seriesId: string, episode: number) => `${keys.episodeSk(seriesId, episode)}#INGEST`;

export function dynamoIngestStore(documents: DynamoDBDocumentClient, tableName: string): IngestStore {
  const key = (seriesId: string, episode: number) => ({ pk: keys.catalogPk, sk: ingestSk(seriesId, episode) });
  const toJob = (item: Record<string, unknown>): IngestJob => ({
    seriesId: item.seriesId as string,
    episode: item.index as number,
    sourceKey: item.sourceKey as string,
    rev: item.rev as string,
    steps: (item.steps as IngestJob['steps']) ?? {},
  });
  return {
    async open(ref, rev, now) {
      for (;;) {
        const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: key(ref.seriesId, ref.episode), ConsistentRead: true }));
        if (Item && Item.sourceKey === ref.sourceKey) return toJob(Item);
        try {
          // A new job, or a new upload replacing the job of the old one; two openers: one wins, both read it.
          await documents.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...key(ref.seriesId, ref.episode), kind: 'ingest', seriesId: ref.seriesId, index: ref.episode, sourceKey: ref.sourceKey, rev, steps: {}, createdAt: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk) OR sourceKey <> :source',
              ExpressionAttributeValues: { ':source': ref.sourceKey },
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
    },

    async claim(job, until, now) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(job.seriesId, job.episode),
            UpdateExpression: 'SET leaseUntil = :until',
            ConditionExpression: 'sourceKey = :source AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
            ExpressionAttributeValues: { ':until': until.toISOString(), ':now': now.toISOString(), ':source': job.sourceKey },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async release(job) {
      await documents.send(new UpdateCommand({ TableName: tableName, Key: key(job.seriesId, job.episode), UpdateExpression: 'REMOVE leaseUntil', ConditionExpression: 'sourceKey = :source', ExpressionAttributeValues: { ':source': job.sourceKey } }));
    },

    async complete(job, step, output, now) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(job.seriesId, job.episode),
            UpdateExpression: 'SET steps.#step = :output, updatedAt = :now',
            ConditionExpression: 'sourceKey = :source AND attribute_not_exists(steps.#step)',
            ExpressionAttributeNames: { '#step': step },
            ExpressionAttributeValues: { ':output': output, ':now': now.toISOString(), ':source': job.sourceKey },
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
