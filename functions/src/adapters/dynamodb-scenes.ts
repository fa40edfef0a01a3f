import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sceneActionCount, type SceneMemory } from '@drama/shared/scenes';
import { nextWindow, type Scene, type SceneBranchState, type SceneStore, type SceneView } from '../domain/scenes/scene';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

const key = (sceneId: string) => ({ pk: `SCENE#${sceneId}`, sk: 'SCENE' });

/** Scenes live a day: the table's TTL on `expiresAtS` removes them (locally functions/local/expire.ts). */
const sceneTtlS = 24 * 3600;

/**
 * A token window (or one frame of it) is stored as one binary attribute (little-endian uint32: tokens
 * per frame, then every token), not a list of numbers: a scene item holds up to 12×256 tokens
 * (its window of 4 frames and its batch of 8), and as lists of numbers the press's one write had spent
 * most of its time (de)serialising them.
 */
export function packWindow(window: number[][]): Uint8Array {
  const perFrame = window[0]?.length ?? 0;
  if (window.some((frame) => frame.length !== perFrame)) throw new Error('a token window\'s frames must have equal length');
  const words = new Uint32Array(1 + window.length * perFrame);
  words[0] = perFrame;
  window.forEach((frame, f) => words.set(frame, 1 + f * perFrame));
  return new Uint8Array(words.buffer);
}

export function unpackWindow(stored: unknown): number[][] {
  if (Array.isArray(stored)) return stored as number[][]; // written before windows were packed
  if (!(stored instanceof Uint8Array) || stored.byteLength % 4 !== 0 || stored.byteLength < 4) throw new Error('a stored token window is malformed');
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const words = Array.from({ length: stored.byteLength / 4 }, (_, i) => view.getUint32(i * 4, true));
  const perFrame = words[0];
  const frames: number[][] = [];
  for (let at = 1; perFrame > 0 && at < words.length; at += perFrame) frames.push(words.slice(at, at + perFrame));
  return frames;
}

/** A scene's memory as an item holds it: its cells as one binary attribute (little-endian int32, -1 where
 *  the view has not been), for the reason windows are packed. */
type StoredMemory = { reach: number; view: { y: number; x: number }; cells: Uint8Array };

export function packMemory(memory: SceneMemory | null): StoredMemory | null {
  return memory && { reach: memory.reach, view: memory.view, cells: new Uint8Array(Int32Array.from(memory.cells).buffer) };
}

export function unpackMemory(stored: unknown): SceneMemory | null {
  if (!stored) return null;
  const { reach, view, cells } = stored as StoredMemory;
  if (!(cells instanceof Uint8Array) || cells.byteLength % 4 !== 0) throw new Error('a stored scene memory is malformed');
  const words = new DataView(cells.buffer, cells.byteOffset, cells.byteLength);
  return { reach: Number(reach), view: { y: Number(view.y), x: Number(view.x) }, cells: Array.from({ length: cells.byteLength / 4 }, (_, i) => words.getInt32(i * 4, true)) };
}

/**
 * How a scene item holds its token windows, so that the press's one write stays small: a branch of the
 * batch stores only the frame it adds (`tokens`, one packed frame), not the window it leads to. The
 * press copies that frame to `last`, and the window at the scene's step is then `window` followed by
 * `last`, cut to the context length; the next batch's write folds `last` into `window`, and so does
 * `advance`. (Nine full windows had made the item ~116 KB; with one frame a branch it is ~86 KB, and
 * the press's write on dynalite ~1 ms shorter.) `window` on a branch is the layout before that change.
 */
type StoredBranch = { action: number; tokens?: unknown; window?: unknown; png?: string; memory?: unknown };
type StoredScene = Record<string, unknown> & { pending?: { step: number; branches?: StoredBranch[] } | null; controls?: Scene['controls'] };

function fromItem(item: StoredScene): Scene {
  const { pk: _pk, sk: _sk, kind: _kind, expiresAtS: _e, window: stored, last, pending, memory, ...scene } = item;
  const window = last === undefined ? unpackWindow(stored) : nextWindow(unpackWindow(stored), unpackWindow(last)[0]);
  const branches = (pending?.branches ?? []).filter(computed).map((b) => ({
    action: Number(b.action),
    window: b.tokens === undefined ? unpackWindow(b.window) : nextWindow(window, unpackWindow(b.tokens)[0]),
    png: b.png ?? '',
    memory: unpackMemory(b.memory),
  }));
  return { ...scene, controls: scene.controls ?? [], window, memory: unpackMemory(memory), pending: pending ? { step: Number(pending.step), branches } : null } as Scene;
}

/** A batch holds a branch at every action's index (the press's write finds it by index); an action the view's
 *  reach does not allow holds only its number there. */
const computed = (b: StoredBranch) => b.tokens !== undefined || b.window !== undefined;

function storedBranches(branches: SceneBranchState[]): StoredBranch[] {
  return Array.from({ length: sceneActionCount }, (_, action) => {
    const b = branches.find((x) => x.action === action);
    return b ? { action, tokens: packLast(b.window), png: b.png, ...(b.memory ? { memory: packMemory(b.memory) } : {}) } : { action };
  });
}

/** The one frame a window ends with, packed: what a branch stores and what `last` holds. */
const packLast = (window: number[][]) => packWindow(window.slice(-1));

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
        Item: { ...key(scene.sceneId), kind: 'scene', ...scene, window: packWindow(scene.window), memory: packMemory(scene.memory), expiresAtS: Math.floor(Date.parse(scene.createdAt) / 1000) + sceneTtlS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(sceneId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key(sceneId), ConsistentRead: true }));
    return Item && fromItem(Item);
  },

  async view(sceneId) {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: config().tableName,
        Key: key(sceneId),
        ConsistentRead: true,
        ProjectionExpression: 'sceneId, #owner, #step, frame, controls, memory.reach, memory.#view, pending.#step, pending.branches',
        ExpressionAttributeNames: { '#owner': 'owner', '#step': 'step', '#view': 'view' },
      }),
    );
    if (!Item) return undefined;
    const { pending, memory, ...view } = Item;
    const ready = pending?.step === view.step;
    const next = ready ? ((pending.branches ?? []) as StoredBranch[]).filter(computed).map((b) => ({ action: Number(b.action), png: b.png ?? '' })) : [];
    const place = memory ? { memory: { reach: Number(memory.reach), view: { y: Number(memory.view.y), x: Number(memory.view.x) } } } : {};
    return { ...view, controls: view.controls ?? [], ...place, ready, next } as SceneView;
  },

  advance(sceneId, fromStep, next) {
    return conditional(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          UpdateExpression: 'SET #step = :next, #window = :window, frame = :frame, memory = :memory REMOVE pending, #last',
          ConditionExpression: '#step = :from',
          ExpressionAttributeNames: { '#step': 'step', '#window': 'window', '#last': 'last' },
          ExpressionAttributeValues: {
            ':from': fromStep,
            ':next': fromStep + 1,
            ':window': packWindow(next.window),
            ':frame': next.frame,
            ':memory': packMemory(next.memory),
          },
        }),
      ),
    );
  },

  async takePending(sceneId, owner, action) {
    if (!(Number.isInteger(action) && action >= 0 && action < sceneActionCount)) return undefined; // it goes into the expression
    const branch = `pending.branches[${action}]`;
    let out: Record<string, unknown> | undefined;
    const taken = await conditional(async () => {
      const res = await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          // every operand reads the item as it was, so the branch is read while pending is removed; a batch
          // is stored only with `last` folded in, so `last` is free here (see StoredBranch)
          // a scene made before scenes remembered has branches without memory: it keeps none
          UpdateExpression: `SET #step = #step + :one, #last = ${branch}.tokens, frame = ${branch}.png, memory = if_not_exists(${branch}.memory, :none) REMOVE pending`,
          ConditionExpression: `#owner = :owner AND pending.#step = #step AND ${branch}.#action = :action AND attribute_exists(${branch}.tokens)`,
          ExpressionAttributeNames: { '#step': 'step', '#last': 'last', '#owner': 'owner', '#action': 'action' },
          ExpressionAttributeValues: { ':one': 1, ':owner': owner, ':action': action, ':none': null },
          // the scene as the press left it (its batch is gone): what the next batch job starts from
          ReturnValues: 'ALL_NEW',
        }),
      );
      out = res.Attributes;
    });
    return taken && out ? fromItem(out) : undefined;
  },

  setPending(sceneId, step, from, pending) {
    return conditional(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: key(sceneId),
          // the scene is at `from` either as a press left it (`last` is its newest frame) or folded (`window`
          // is all of it); one scene passes through a step once, so the step and that frame name the state
          UpdateExpression: 'SET pending = :pending, #window = :from REMOVE #last',
          ConditionExpression: '#step = :step AND (#last = :last OR (attribute_not_exists(#last) AND #window = :from))',
          ExpressionAttributeNames: { '#step': 'step', '#window': 'window', '#last': 'last' },
          ExpressionAttributeValues: {
            ':step': step,
            ':from': packWindow(from),
            ':last': packLast(from),
            ':pending': pending && { ...pending, branches: storedBranches(pending.branches) },
          },
        }),
      ),
    );
  },
};
