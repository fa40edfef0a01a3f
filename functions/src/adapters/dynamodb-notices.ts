import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NoticeLog } from '../domain/membership/pre-charge-notice';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/** Kept a while after the charge it announced, then removed by the table's TTL. */
const keepS = 60 * 24 * 3600;

/** One item per pre-charge notice (`USER#id / NOTICE#renewal#<period end>`), moved by conditional updates. */
export const dynamoNotices: NoticeLog = {
  async claim(userId, expiresAt, now, leaseUntil, maxAttempts) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: { pk: keys.userPk(userId), sk: `NOTICE#renewal#${expiresAt}` },
          UpdateExpression: 'SET leaseUntil = :lease, #kind = :kind, expiresAtS = :ttl ADD attempts :one',
          ConditionExpression: 'attribute_not_exists(sentAt) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND (attribute_not_exists(attempts) OR attempts < :max)',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':lease': leaseUntil.toISOString(),
            ':kind': 'notice',
            ':ttl': Math.floor(Date.parse(expiresAt) / 1000) + keepS,
            ':one': 1,
            ':now': now.toISOString(),
            ':max': maxAttempts,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async markSent(userId, expiresAt, now) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.userPk(userId), sk: `NOTICE#renewal#${expiresAt}` },
        UpdateExpression: 'SET sentAt = :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  },
};
