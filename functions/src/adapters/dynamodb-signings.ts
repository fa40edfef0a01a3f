import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Signing, SigningStore } from '../domain/membership/wechat-signing';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/**
 * A viewer's WeChat signing (`USER#<id>` / `SIGNING#WECHAT`), written whole on its version; one awaiting
 * its first charge sits in the sparse index (`gsi1pk = SIGNFIRST`) the job reads.
 */
export const dynamoSignings: SigningStore = {
  async get(userId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: 'SIGNING#WECHAT' }, ConsistentRead: true }));
    return Item ? (JSON.parse(Item.signing as string) as Signing) : undefined;
  },
  async put(signing, expected) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: {
            pk: keys.userPk(signing.userId),
            sk: 'SIGNING#WECHAT',
            kind: 'signing',
            version: signing.version,
            signing: JSON.stringify(signing),
            ...(signing.awaitingFirstCharge ? { gsi1pk: 'SIGNFIRST', gsi1sk: signing.signedAt ?? '' } : {}),
          },
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
  async awaitingFirstCharge() {
    const page = await documentClient().send(new QueryCommand({ TableName: config().tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'SIGNFIRST' }, Limit: 100 }));
    return (page.Items ?? []).map((i) => (i.pk as string).slice('USER#'.length));
  },
};
