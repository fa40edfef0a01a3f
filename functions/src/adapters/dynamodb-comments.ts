import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentStatus } from '@drama/shared/comments';
import type { CommentRecord, CommentStore } from '../domain/comments/comments';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

/**
 * Each comment is one item (`COMMENT#<id>`). Its status decides where the sparse index gsi1 lists it:
 * approved ones under their episode (`listKey`), held ones in the moderation queue, removed ones
 * nowhere; both lists sort by `sortKey` (time, then id). A status move is one conditional
 * UpdateItem that also moves the index keys (copied from `listKey`/`sortKey` on the item).
 * Reports are a string set of the reporters on the comment: one viewer, one report.
 */
const key = (commentId: string) => ({ pk: `COMMENT#${commentId}`, sk: 'COMMENT' });
const listKey = (seriesId: string, episode: number) => `COMMENTS#${seriesId}#${episode}`;
const queueKey = 'COMMENTS#held';

type Item = Record<string, unknown>;

function toRecord(item: Item): CommentRecord {
  return {
    commentId: item.commentId as string,
    seriesId: item.seriesId as string,
    episode: item.episode as number,
    userId: item.userId as string,
    text: item.text as string,
    ...(typeof item.atS === 'number' ? { atS: item.atS } : {}),
    createdAt: item.createdAt as string,
    status: item.status as CommentStatus,
    ...(item.heldFor ? { heldFor: item.heldFor as CommentRecord['heldFor'] } : {}),
    reports: (item.reports as number | undefined) ?? 0,
  };
}

const indexFor = (status: CommentStatus, c: CommentRecord) => {
  const sortKey = `${c.createdAt}#${c.commentId}`;
  if (status === 'approved') return { gsi1pk: listKey(c.seriesId, c.episode), gsi1sk: sortKey };
  if (status === 'held') return { gsi1pk: queueKey, gsi1sk: sortKey };
  return {};
};

async function queryIndex(pk: string, limit: number): Promise<CommentRecord[]> {
  const { Items } = await documentClient().send(
    new QueryCommand({ TableName: config().tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: limit }),
  );
  return (Items ?? []).map(toRecord);
}

export const dynamoComments: CommentStore = {
  async create(comment) {
    await documentClient().send(
      new PutCommand({
        TableName: config().tableName,
        Item: { ...key(comment.commentId), type: 'comment', ...comment, listKey: listKey(comment.seriesId, comment.episode), sortKey: `${comment.createdAt}#${comment.commentId}`, ...indexFor(comment.status, comment) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  listApproved: (seriesId, episode, limit) => queryIndex(listKey(seriesId, episode), limit),

  held: (limit) => queryIndex(queueKey, limit),

  async get(commentId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key(commentId) }));
    return Item ? toRecord(Item) : undefined;
  },

  async report(commentId, reporterId) {
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(commentId),
          UpdateExpression: 'ADD reporters :who, reports :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :approved AND NOT contains(reporters, :reporter)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':who': new Set([reporterId]), ':one': 1, ':approved': 'approved', ':reporter': reporterId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return (Attributes?.reports as number | undefined) ?? 0;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  },

  async move(commentId, from, to, heldFor) {
    const update = {
      // An operator's approval answers the reports so far: it takes new ones to hold it again.
      approved: 'SET #status = :to, gsi1pk = listKey, gsi1sk = sortKey, reports = :zero REMOVE heldFor, reporters',
      held: 'SET #status = :to, gsi1pk = :queue, gsi1sk = sortKey, heldFor = :heldFor',
      removed: 'SET #status = :to REMOVE gsi1pk, gsi1sk',
    }[to];
    const fromValues = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(commentId),
          UpdateExpression: update,
          ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ...fromValues,
            ...(to === 'approved' ? { ':zero': 0 } : {}),
            ...(to === 'held' ? { ':queue': queueKey, ':heldFor': heldFor ?? 'reports' } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toRecord(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  },
};
