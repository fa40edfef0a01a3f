import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IngestState, IngestStore } from '../domain/media/preview';
import { keys } from './dynamodb';

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The ingest job's state on the episode's catalog item (`ingest`), each change one conditional
 * UpdateItem that holds only while the episode's `mediaKey` is the job's source. Takes its client
 * so the seed (local clients) and the functions (built from config) share it.
 */
export function dynamoIngest(documents: () => DynamoDBDocumentClient, tableName: () => string): IngestStore {
  const key = (seriesId: string, index: number) => ({ pk: keys.catalogPk, sk: keys.episodeSk(seriesId, index) });
  return {
    begin(seriesId, index, source, now) {
      const fresh: IngestState = { source, startedAt: now.toISOString() };
      return conditional(
        documents().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key(seriesId, index),
            UpdateExpression: 'SET ingest = :fresh',
            // A job already under way for this media keeps its steps.
            ConditionExpression: 'mediaKey = :source AND (attribute_not_exists(ingest) OR ingest.#source <> :source)',
            ExpressionAttributeNames: { '#source': 'source' },
            ExpressionAttributeValues: { ':fresh': fresh, ':source': source },
          }),
        ),
      ).then(async (began) => {
        if (began) return true;
        // Refused: either the job is already under way for this media (go on with it) or the media changed.
        const { Item } = await documents().send(new GetCommand({ TableName: tableName(), Key: key(seriesId, index), ConsistentRead: true }));
        return Item?.mediaKey === source && (Item.ingest as IngestState | undefined)?.source === source;
      });
    },

    completeStep(seriesId, index, source, step, record) {
      return conditional(
        documents().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key(seriesId, index),
            UpdateExpression: 'SET ingest.#step = :record',
            ConditionExpression: 'mediaKey = :source AND ingest.#source = :source',
            ExpressionAttributeNames: { '#step': step, '#source': 'source' },
            ExpressionAttributeValues: { ':record': record, ':source': source },
          }),
        ),
      );
    },

  };
}
