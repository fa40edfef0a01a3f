import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UserWriter } from '../domain/auth/login';
import type { Recipients } from '../domain/reminders/send';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

export const dynamoUsers: UserWriter & Recipients & { sessionKeyOf(userId: string): Promise<string | undefined> } = {
  async upsertUser(user, now) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.userPk(user.userId), sk: keys.profileSk },
        UpdateExpression:
          'SET platform = :platform, openId = :openId, lastLoginAt = :now, createdAt = if_not_exists(createdAt, :now)' +
          (user.sessionKey ? ', sessionKey = :sessionKey' : ''),
        ExpressionAttributeValues: {
          ':platform': user.platform,
          ':openId': user.openId,
          ':now': now.toISOString(),
          ...(user.sessionKey ? { ':sessionKey': user.sessionKey } : {}),
        },
      }),
    );
  },


  /** The platform session key from the last sign-in (WeChat signs payments with it). */
  async sessionKeyOf(userId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: keys.profileSk }, ProjectionExpression: 'sessionKey' }),
    );
    return Item?.sessionKey as string | undefined;
  },

  async identityOf(userId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: keys.profileSk }, ProjectionExpression: 'platform, openId' }),
    );
    return Item ? { platform: Item.platform as string, openId: Item.openId as string } : undefined;
  },
};
