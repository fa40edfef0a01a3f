import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sceneActionCount } from '@drama/shared/scenes';
import type { Scene, SceneStore } from '../domain/scenes/scene';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

const key = (sceneId: string) => ({ pk: `SCENE#${sceneId}`, sk: 'SCENE' });

/** Scenes live a day; the sweep (or DynamoDB TTL in AWS, on `expiresAtS`) removes them. */
const sceneTtlS = 24 * 3600;

async function conditional(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export const dynamoScenes: SceneStore = {
  async create(scene) {
    await documentClient().send(
      new PutCommand({
        TableName: config().tableName,
        Item: { ...key(scene.sceneId), kind: 'scene', ...scene, expiresAtS: Math.floor(Date.parse(scene.createdAt) / 1000) + sceneTtlS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(sceneId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key(sceneId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, expiresAtS: _e, ...scene } = Item;
    return { pending: null, ...scene } as Scene;
  },

  advance(sceneId, fromStep, next) {
    return conditional(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          UpdateExpression: 'SET #step = :next, #window = :window, frame = :frame REMOVE pending',
          ConditionExpression: '#step = :from',
          ExpressionAttributeNames: { '#step': 'step', '#window': 'window' },
          ExpressionAttributeValues: { ':from': fromStep, ':next': fromStep + 1, ':window': next.window, ':frame': next.frame },
        }),
      ),
    );
  },

  async takePending(sceneId, userId, action) {
    if (!(Number.isInteger(action) && action >= 0 && action < sceneActionCount)) return undefined; // it goes into the expression
    const branch = `pending.branches[${action}]`;
    let out: Record<string, unknown> | undefined;
    const taken = await conditional(async () => {
      const res = await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          // every operand reads the item as it was, so the branch is read while pending is removed
          UpdateExpression: `SET #step = #step + :one, #window = ${branch}.#window, frame = ${branch}.png REMOVE pending`,
          ConditionExpression: '#owner = :owner AND pending.#step = #step AND ' + `${branch}.#action = :action`,
          ExpressionAttributeNames: { '#step': 'step', '#window': 'window', '#owner': 'owner', '#action': 'action' },
          ExpressionAttributeValues: { ':one': 1, ':owner': userId, ':action': action },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      out = res.Attributes;
    });
    return taken && out ? { step: Number(out.step), frame: String(out.frame) } : undefined;
  },

  setPending(sceneId, step, pending) {
    return conditional(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          UpdateExpression: 'SET pending = :pending',
          ConditionExpression: '#step = :step',
          ExpressionAttributeNames: { '#step': 'step' },
          ExpressionAttributeValues: { ':step': step, ':pending': pending },
        }),
      ),
    );
  },
};
