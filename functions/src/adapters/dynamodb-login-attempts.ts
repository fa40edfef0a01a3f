import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttemptStore } from '../domain/auth/operator';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

/** Failed operator sign-ins: one counter item per address and window, gone with DynamoDB TTL (`expiresAtS`). */
const key = (source: string, window: number) => ({ pk: `LOGINFAIL#${source}`, sk: `W#${window}` });

export const dynamoLoginAttempts: AttemptStore = {
  async failures(source, window) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key(source, window), ConsistentRead: true }));
    return Number(Item?.failures ?? 0);
  },

  async fail(source, window, expiresAtS) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: key(source, window),
        UpdateExpression: 'ADD failures :one SET expiresAtS = :exp',
        ExpressionAttributeValues: { ':one': 1, ':exp': expiresAtS },
      }),
    );
  },
};
