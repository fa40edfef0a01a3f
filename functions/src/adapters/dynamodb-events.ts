import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '@drama/shared/calendar';
import type { AnalyticsEvent } from '@drama/shared/events';
import type { EventReader, EventSink } from '../domain/events/events';
import { daysBetween } from '../domain/events/figures';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { documentClient } from './dynamodb';

/**
 * The event stream in the single table: one PutItem per event under `EVENTS#<Shanghai date>#<shard>`,
 * sorted by time. A day is spread over a few shards so a busy day never makes one hot partition;
 * the figures read a day as one Query per shard. Events carry no user data beyond the user id.
 */
const shards = 4;
export const eventKeys = {
  pk: (date: string, shard: number) => `EVENTS#${date}#${shard}`,
};

export const dynamoEvents: EventSink & EventReader = {
  async record(event, once) {
    const at = event.at ?? new Date().toISOString();
    // An event recorded `once` has a key of its own (its time and the hash of `once`), so a replay
    // finds it there and writes nothing; any other event gets a random key.
    const id = once ? createHash('sha256').update(once).digest() : randomBytes(6);
    const shard = id[0] % shards;
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { pk: eventKeys.pk(shanghaiDate(new Date(at)), shard), sk: `${at}#${id.subarray(0, 6).toString('hex')}`, type: 'event', ...event, at },
          ...(once ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return; // recorded before
      // Analytics must never fail the user's request: log and carry on.
      logger.warn('event not recorded', { kind: event.kind, userId: event.userId, error: (error as Error).message });
    }
  },

  async between(from, to) {
    const events: AnalyticsEvent[] = [];
    const queries = daysBetween(from, to).flatMap((date) => Array.from({ length: shards }, (_, shard) => eventKeys.pk(date, shard)));
    await Promise.all(
      queries.map(async (pk) => {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page: QueryCommandOutput = await documentClient().send(
            new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: startKey }),
          );
          for (const item of page.Items ?? []) {
            const { pk: _pk, sk: _sk, type: _type, ...event } = item;
            events.push(event as AnalyticsEvent);
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    return events.sort((a, b) => a.at.localeCompare(b.at));
  },
};
