import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderStore } from '../domain/orders/order';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

type Item = Record<string, unknown>;

function toOrder(item: Item): Order {
  const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g2, ...order } = item;
  return order as unknown as Order;
}

/**
 * Orders (`ORDER#id / ORDER`), each moved by conditional updates on its status. While an order is
 * `paid` (money in, grant not yet recorded) it sits in the sparse index `gsi1` under `ORDERS#paid`;
 * from its grant until its `paid` event and conversion are recorded, under `ORDERS#unreported`.
 * The sweep job reads both.
 */
const stuck = { paid: 'ORDERS#paid', unreported: 'ORDERS#unreported' } as const;

async function listStuck(pk: string, olderThan: Date, limit: number): Promise<Order[]> {
  const { Items } = await documentClient().send(
    new QueryCommand({
      TableName: config().tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
      ExpressionAttributeValues: { ':pk': pk, ':before': olderThan.toISOString() },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(toOrder);
}

export const dynamoOrders: OrderStore = {
  async createOnce(order) {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { pk: keys.orderPk(order.orderId), sk: keys.orderSk, kind: 'order', ...order },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { order, created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await dynamoOrders.get(order.orderId);
      if (!existing) throw error;
      return { order: existing, created: false };
    }
  },

  async get(orderId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: config().tableName, Key: { pk: keys.orderPk(orderId), sk: keys.orderSk }, ConsistentRead: true }),
    );
    return Item ? toOrder(Item) : undefined;
  },

  // Persists the move the domain decided (`moveOrder`), on the condition it read.
  async transition(orderId, from, to, fields = {}) {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':from': from, ':to': to };
    const sets = ['#status = :to'];
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      sets.push(`#${k} = :${k}`);
    }
    let update = `SET ${sets.join(', ')}`;
    if ((to === 'paid' || to === 'granted') && from !== to) {
      values[':g1'] = stuck[to === 'paid' ? 'paid' : 'unreported'];
      values[':g2'] = (to === 'paid' ? fields.paidAt : fields.grantedAt) ?? new Date().toISOString();
      update += ', gsi1pk = :g1, gsi1sk = :g2';
    } else if (to !== from) {
      update += ' REMOVE gsi1pk, gsi1sk';
    }
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: { pk: keys.orderPk(orderId), sk: keys.orderSk },
          UpdateExpression: update,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  listPaidBefore(olderThan, limit) {
    return listStuck(stuck.paid, olderThan, limit);
  },

  listUnreportedBefore(olderThan, limit) {
    return listStuck(stuck.unreported, olderThan, limit);
  },

  async markReported(orderId, at) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: { pk: keys.orderPk(orderId), sk: keys.orderSk },
          UpdateExpression: 'SET reportedAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'gsi1pk = :unreported',
          ExpressionAttributeValues: { ':at': at, ':unreported': stuck.unreported },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
