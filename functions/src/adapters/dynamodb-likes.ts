import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LikeStore } from '../domain/comments/likes';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/** A viewer's like lives in the viewer's partition (`LIKE#<series>#<episode>`); each episode's count is one item. */
const likeKey = (userId: string, seriesId: string, episode: number) => ({ pk: keys.userPk(userId), sk: `LIKE#${seriesId}#${episode}` });
const countKey = (seriesId: string, episode: number) => ({ pk: `LIKES#${seriesId}`, sk: `E#${episode}` });

async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export const dynamoLikes: LikeStore = {
  add: (userId, { seriesId, episode }) =>
    conditional(() =>
      documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { ...likeKey(userId, seriesId, episode), type: 'like', seriesId, episode, likedAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),

  remove: (userId, { seriesId, episode }) =>
    conditional(() => documentClient().send(new DeleteCommand({ TableName: config().tableName, Key: likeKey(userId, seriesId, episode), ConditionExpression: 'attribute_exists(pk)' }))),

  async has(userId, { seriesId, episode }) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: likeKey(userId, seriesId, episode), ProjectionExpression: 'pk' }));
    return Boolean(Item);
  },

  async count({ seriesId, episode }, delta = 0) {
    if (delta === 0) {
      const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: countKey(seriesId, episode) }));
      return (Item?.likes as number | undefined) ?? 0;
    }
    const { Attributes } = await documentClient().send(
      new UpdateCommand({ TableName: config().tableName, Key: countKey(seriesId, episode), UpdateExpression: 'ADD likes :d', ExpressionAttributeValues: { ':d': delta }, ReturnValues: 'UPDATED_NEW' }),
    );
    return (Attributes?.likes as number | undefined) ?? 0;
  },
};
