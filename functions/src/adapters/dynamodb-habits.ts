import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProgressInput } from '@drama/shared/habits';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/** Progress saves closer together than this (same episode) are dropped: the client saves often. */
export const progressThrottleMs = 5_000;

async function queryAll(input: { pk: string; prefix?: string; index?: boolean }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: config().tableName,
        ...(input.index
          ? { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': input.pk } }
          : { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': input.pk, ':prefix': input.prefix } }),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Follows and watch progress, in the user's partition. A follow item also sits in the sparse
 * index under `FOLLOWERS#seriesId`, which the episode-release job fans out over.
 */
export const dynamoHabits = {
  async follow(userId: string, seriesId: string, now: Date) {
    await documentClient().send(
      new PutCommand({
        TableName: config().tableName,
        Item: { pk: keys.userPk(userId), sk: `FOLLOW#${seriesId}`, kind: 'follow', seriesId, userId, followedAt: now.toISOString(), gsi1pk: `FOLLOWERS#${seriesId}`, gsi1sk: userId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  },

  async unfollow(userId: string, seriesId: string) {
    await documentClient().send(new DeleteCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: `FOLLOW#${seriesId}` } }));
  },

  async follows(userId: string) {
    const items = await queryAll({ pk: keys.userPk(userId), prefix: 'FOLLOW#' });
    return items.map((i) => ({ seriesId: i.seriesId as string, followedAt: i.followedAt as string })).sort((a, b) => b.followedAt.localeCompare(a.followedAt));
  },

  async followers(seriesId: string): Promise<string[]> {
    return (await queryAll({ pk: `FOLLOWERS#${seriesId}`, index: true })).map((i) => i.userId as string);
  },

  /** Saves the resume point unless the same episode was saved less than the throttle ago. */
  async saveProgress(userId: string, input: Omit<ProgressInput, 'endedEpisode'>, now: Date): Promise<boolean> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { pk: keys.userPk(userId), sk: `PROGRESS#${input.seriesId}`, kind: 'progress', ...input, updatedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR episode <> :episode OR updatedAt < :cutoff',
          ExpressionAttributeValues: { ':episode': input.episode, ':cutoff': new Date(now.getTime() - progressThrottleMs).toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async history(userId: string) {
    const items = await queryAll({ pk: keys.userPk(userId), prefix: 'PROGRESS#' });
    return items
      .map((i) => ({ seriesId: i.seriesId as string, episode: i.episode as number, positionS: i.positionS as number, updatedAt: i.updatedAt as string }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  },
};
