import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttributionStore, Conversion, ConversionOutbox } from '../domain/attribution/attribution';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/**
 * Attribution in the single table. The user's last click is one item in the user's partition
 * (`USER#id / CLICK`); each conversion is one item `CONV#<clickid> / <event>#<ref>` whose key is the
 * deduplication (created by a conditional put). Pending conversions carry the sparse index keys
 * `gsi1pk = CONVERSIONS#pending, gsi1sk = nextAt`, removed once sent or given up, so the sweep reads
 * only what is due.
 */
const clickSk = 'CLICK';
const pendingPk = 'CONVERSIONS#pending';
const conversionKey = (id: string) => {
  const [clickid, event, ref] = id.split('|');
  return { pk: `CONV#${clickid}`, sk: `${event}#${ref}` };
};

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function toConversion(item: Record<string, unknown>): Conversion {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as unknown as Conversion;
}

export const dynamoAttribution: AttributionStore = {
  async saveClick(userId, click) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { pk: keys.userPk(userId), sk: clickSk, type: 'click', ...click, reported: [] },
          // The last click wins: an older launch arriving late never replaces a newer click.
          ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': click.at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },

  async lastClick(userId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: clickSk } }));
    if (!Item) return undefined;
    return { clickid: Item.clickid, campaign: Item.campaign, channel: Item.channel, at: Item.at, reported: (Item.reported as Conversion['event'][]) ?? [] };
  },

  async markReported(userId, clickid, event) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: { pk: keys.userPk(userId), sk: clickSk },
          UpdateExpression: 'SET reported = list_append(reported, :e)',
          ConditionExpression: 'clickid = :c AND NOT contains(reported, :name)',
          ExpressionAttributeValues: { ':e': [event], ':c': clickid, ':name': event },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },
};

export const dynamoConversions: ConversionOutbox = {
  async createOnce(conversion) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { ...conversionKey(conversion.id), type: 'conversion', ...conversion, gsi1pk: pendingPk, gsi1sk: conversion.nextAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async get(id) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: conversionKey(id) }));
    return Item ? toConversion(Item) : undefined;
  },

  async claim(id, attempts, now, leaseUntil) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: conversionKey(id),
          UpdateExpression: 'SET attempts = :next, nextAt = :lease, gsi1sk = :lease',
          ConditionExpression: '#s = :pending AND attempts = :n AND nextAt <= :now',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':next': attempts + 1, ':lease': leaseUntil.toISOString(), ':pending': 'pending', ':n': attempts, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async settle(id, attempts, change, results) {
    const pending = change.status === 'pending';
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: conversionKey(id),
          UpdateExpression: `SET #s = :s, nextAt = :nextAt, targets = :targets, results = list_append(results, :results)${pending ? ', gsi1pk = :pk, gsi1sk = :nextAt' : ' REMOVE gsi1pk, gsi1sk'}`,
          ConditionExpression: '#s = :pending AND attempts = :n',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':s': change.status,
            ':nextAt': change.nextAt,
            ':targets': change.targets,
            ':results': results,
            ':pending': 'pending',
            ':n': attempts,
            ...(pending ? { ':pk': pendingPk } : {}),
          },
        }),
      );
    } catch (error) {
      // Someone re-drove this attempt after our lease ran out: their outcome stands.
      if (!isConditionFailure(error)) throw error;
    }
  },

  async due(now, limit) {
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: config().tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': pendingPk, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(toConversion);
  },

  async ofClick(clickid) {
    const { Items } = await documentClient().send(
      new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CONV#${clickid}` } }),
    );
    return (Items ?? []).map(toConversion);
  },
};
