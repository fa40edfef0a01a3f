import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationReplays } from '../domain/orders/notifications';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

/**
 * Accepted notification (timestamp, nonce) pairs: one item per pair (`NOTIFIED#<platform>#<ts>#<nonce>`),
 * created by a conditional put and gone with the table's TTL on `expiresAtS` once the window has
 * passed. A pair given back after a failure is marked released (no delete right needed), and a
 * later claim may take it again.
 */
const key = (by: string, timestamp: number, nonce: string) => ({ pk: `NOTIFIED#${by}#${timestamp}#${nonce}`, sk: 'PAIR' });

export const dynamoNotificationReplays: NotificationReplays = {
  async claim(by, timestamp, nonce, expiresAtS) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { ...key(by, timestamp, nonce), kind: 'notified', expiresAtS },
          ConditionExpression: 'attribute_not_exists(pk) OR released = :yes',
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async release(by, timestamp, nonce) {
    await documentClient().send(
      new UpdateCommand({ TableName: config().tableName, Key: key(by, timestamp, nonce), UpdateExpression: 'SET released = :yes', ExpressionAttributeValues: { ':yes': true } }),
    );
  },
};
