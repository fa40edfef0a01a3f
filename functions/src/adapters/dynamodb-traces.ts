import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Trace } from '@drama/shared/forensics';
import type { TraceStore } from '../domain/forensics/traces';

/** Traces in one partition (`TRACES`), by an id that sorts by time: the console lists the latest first. */
const pk = 'TRACES';

export function dynamoTraces(documents: DynamoDBDocumentClient, tableName: string): TraceStore {
  const strip = (item: Record<string, unknown>): Trace => {
    const { pk: _pk, sk: _sk, ...trace } = item;
    return trace as Trace;
  };
  return {
    async create(key, now) {
      const traceId = `${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
      const trace: Trace = { traceId, key, status: 'pending', createdAt: now.toISOString() };
      await documents.send(new PutCommand({ TableName: tableName, Item: { pk, sk: traceId, ...trace }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return trace;
    },

    async finish(traceId, outcome, now) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: traceId },
            UpdateExpression: 'SET #status = :status, finishedAt = :now, #out = :out',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status', '#out': 'result' in outcome ? 'result' : 'error' },
            ExpressionAttributeValues: { ':status': 'result' in outcome ? 'done' : 'failed', ':now': now.toISOString(), ':out': 'result' in outcome ? outcome.result : outcome.error, ':pending': 'pending' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async get(traceId) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk, sk: traceId }, ConsistentRead: true }));
      return Item ? strip(Item) : undefined;
    },

    async latest(limit) {
      const { Items = [] } = await documents.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: limit }),
      );
      return Items.map(strip);
    },
  };
}
