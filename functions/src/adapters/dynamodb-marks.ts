import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { idBits } from '../domain/forensics/code';
import type { Candidate } from '../domain/forensics/score';
import type { ViewerMarks } from '../domain/playback/playlist';
import { keys } from './dynamodb';

/**
 * Viewers' mark ids and who received which marked episode.
 * - `USER#<id> / MARK` {markId}: given out on a viewer's first paid playlist from one counter
 *   (`META / MARKS`, an atomic ADD), then kept; a race between two first playlists keeps the first
 *   write (conditional put) and wastes one number.
 * - `MARKID#<n> / MARK` {userId}: the way back from a mark id (a short code an operator read off a
 *   screen) to the viewer; written before the viewer's own item, and trusted only where that agrees.
 * - `RECIPIENTS#<series>#<episode> / USER#<id>` {userId, firstAt, lastAt}: one item per viewer and
 *   episode, written on each playlist (an idempotent update); the trace's candidates.
 */
export const markSk = 'MARK';
const counterKey = { pk: 'META', sk: 'MARKS' };
const recipientsPk = (seriesId: string, episode: number) => `RECIPIENTS#${seriesId}#${episode}`;

export function dynamoMarks(documents: DynamoDBDocumentClient, tableName: string): ViewerMarks & {
  recipients(seriesId: string, episode: number): Promise<Candidate[]>;
  markIdIfAny(userId: string): Promise<number | undefined>;
  viewerOfMarkId(markId: number): Promise<string | undefined>;
} {
  const markIdIfAny = async (userId: string, consistent = false) => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: keys.userPk(userId), sk: markSk }, ProjectionExpression: 'markId', ConsistentRead: consistent }),
    );
    return Item?.markId as number | undefined;
  };
  return {
    markIdIfAny: (userId) => markIdIfAny(userId),

    async markIdOf(userId) {
      const known = await markIdIfAny(userId);
      if (known !== undefined) return known;
      const { Attributes } = await documents.send(
        new UpdateCommand({ TableName: tableName, Key: counterKey, UpdateExpression: 'ADD #next :one', ExpressionAttributeNames: { '#next': 'next' }, ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
      );
      const markId = (Attributes?.next as number) - 1;
      if (markId >= 2 ** idBits) throw new Error(`mark ids are used up (2^${idBits})`);
      await documents.send(new PutCommand({ TableName: tableName, Item: { pk: `MARKID#${markId}`, sk: markSk, userId } }));
      try {
        await documents.send(
          new PutCommand({ TableName: tableName, Item: { pk: keys.userPk(userId), sk: markSk, markId, userId }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
        return markId;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return (await markIdIfAny(userId, true))!;
      }
    },

    async viewerOfMarkId(markId) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `MARKID#${markId}`, sk: markSk } }));
      const userId = Item?.userId as string | undefined;
      // A lost race leaves a number pointing at a viewer who kept another one.
      return userId !== undefined && (await markIdIfAny(userId)) === markId ? userId : undefined;
    },

    async recordRecipient(seriesId, episode, userId, now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: recipientsPk(seriesId, episode), sk: keys.userPk(userId) },
          UpdateExpression: 'SET userId = :u, firstAt = if_not_exists(firstAt, :now), lastAt = :now',
          ExpressionAttributeValues: { ':u': userId, ':now': now.toISOString() },
        }),
      );
    },

    async recipients(seriesId, episode) {
      const userIds: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await documents.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': recipientsPk(seriesId, episode) }, ExclusiveStartKey: startKey }),
        );
        for (const item of page.Items ?? []) userIds.push(item.userId as string);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      const candidates: Candidate[] = [];
      for (let i = 0; i < userIds.length; i += 25) {
        const batch = await Promise.all(userIds.slice(i, i + 25).map(async (userId) => ({ userId, markId: await markIdIfAny(userId) })));
        for (const c of batch) if (c.markId !== undefined) candidates.push({ userId: c.userId, markId: c.markId });
      }
      return candidates;
    },
  };
}
