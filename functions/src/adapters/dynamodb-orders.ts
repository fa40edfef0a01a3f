import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allowedTransitions, type Order, type OrderStore } from '../domain/orders/order';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

type Item = Record<string, unknown>;

function toOrder(item: Item): Order {
  const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g2, ...order } = item;
  return order as unknown as Order;
}

/**
 * Orders (`ORDER#id / ORDER`), each moved by conditional updates on its status. While an order is
 * `paid` (money in, grant not yet recorded) it sits in the sparse index `gsi1` under
 * `ORDERS#paid`, which is what the sweep job reads.
 */
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

  async transition(orderId, from, to, fields = {}) {
    if (from !== to && !allowedTransitions[from].includes(to)) throw new Error(`order ${orderId}: ${from} → ${to} is not a transition`);
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
    if (to === 'paid' && from !== 'paid') {
      values[':g1'] = 'ORDERS#paid';
      values[':g2'] = (fields.paidAt as string | undefined) ?? new Date().toISOString();
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

  async update(orderId, status, fields) {
    return dynamoOrders.transition(orderId, status, status, fields);
  },

  async listPaidBefore(olderThan, limit) {
    const { Items } = await documentClient().send(
      new QueryCommand({
        TableName: config().tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
        ExpressionAttributeValues: { ':pk': 'ORDERS#paid', ':before': olderThan.toISOString() },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(toOrder);
  },
};
