import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  canPress,
  firstMemory,
  pressThrough,
  sceneActionCount,
  sceneContextLength,
  sceneControlsSchema,
  sceneMemorySchema,
  type SceneBranch,
  type SceneControl,
  type SceneMemory,
} from '@drama/shared/scenes';
import type { CreateSceneInput, SceneOutput, SceneState, SceneStepOutput } from '@drama/shared/scene-api';
import { decideEntitlement } from '@drama/shared/entitlement';
import { parseUploadKey } from '@drama/shared/uploads';
import type { ProductCatalog } from '@drama/shared/products';
import { releasedEpisodes, type CatalogReader } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { BadRequest, DomainError, EntitlementRequired, Forbidden, NotFound } from '../errors';
import type { HoldingsReader } from '../playback/play';
import { paywallFor } from '../playback/paywall';

/**
 * A playable scene: the owner, the recent token window the dynamics model conditions on, the memory of
 * the world it has shown (shared/src/scenes.ts `pressThrough`), the step count, and (zero wait) the next
 * frame for every action, computed in one batch before the press. The inference endpoint is stateless;
 * this item is the scene's whole state.
 */
export interface Scene {
  sceneId: string;
  owner: string;
  seed: number;
  step: number;
  window: number[][];
  frame: string;
  /** The model's named controls when the scene was made (the app's d-pad). */
  controls: SceneControl[];
  /** What the view has shown and where it is; null for a scene made before scenes remembered. */
  memory: SceneMemory | null;
  /** The 8-branch batch for `pending.step`: a press at that step takes its branch, which holds the
   *  scene's window and memory after that press (so the press itself is one write). A press the view's
   *  reach does not allow (`canPress`) has no branch. */
  pending: { step: number; branches: SceneBranchState[] } | null;
  createdAt: string;
}

export interface SceneBranchState {
  action: number;
  window: number[][];
  png: string;
  memory: SceneMemory | null;
}

/** What the app polls between presses: the scene with its batch's frames (not its tokens), if the batch is ready. */
export type SceneView = Pick<Scene, 'sceneId' | 'owner' | 'step' | 'frame' | 'controls'> & {
  /** where the view is and how far it may go (absent: a scene made before scenes remembered) */
  memory?: Pick<SceneMemory, 'reach' | 'view'>;
  ready: boolean;
  /** the ready batch's frames, by action */
  next: Array<{ action: number; png: string }>;
};

/**
 * A batch job's whole input: the scene at `step` with token `window` (and its seed). The job reads
 * nothing before it computes; the store keeps its batch only if the scene is still at that step and
 * window, so a job that arrives late or twice cannot attach a batch to the wrong state.
 */
export const precomputeRequestSchema = z.object({
  sceneId: z.string(),
  seed: z.number().int().nonnegative(),
  step: z.number().int().nonnegative(),
  window: z.array(z.array(z.number().int().nonnegative()).min(1)).min(1),
  /** the scene's memory and controls (absent: a scene made before scenes remembered) */
  memory: sceneMemorySchema.nullable().optional(),
  controls: sceneControlsSchema.optional(),
});
export type PrecomputeRequest = z.infer<typeof precomputeRequestSchema>;

export interface SceneStore {
  create(scene: Scene): Promise<void>;
  get(sceneId: string): Promise<Scene | undefined>;
  /** The scene without its batch's token windows: its frame, and the batch's frames when it is ready. */
  view(sceneId: string): Promise<SceneView | undefined>;
  /** Advances from `fromStep` in one conditional write; false if another press got there first. */
  advance(sceneId: string, fromStep: number, next: { window: number[][]; frame: string; memory: SceneMemory | null }): Promise<boolean>;
  /** Stores the batch for `step` if the scene is still at `step` with the token window it continues. */
  setPending(sceneId: string, step: number, from: number[][], branches: Scene['pending']): Promise<boolean>;
  /**
   * The zero-wait press in one conditional write: if `userId` owns the scene and the batch for its
   * current step is stored, the scene takes `action`'s branch (window, frame, step + 1, batch cleared)
   * and is returned as it is now. Undefined when any of that does not hold; the caller then reads the
   * scene to say why.
   */
  takePending(sceneId: string, userId: string, action: number): Promise<Scene | undefined>;
}

export interface Inference {
  encode(rgb64: Buffer): Promise<{ tokens: number[]; png: string; controls: SceneControl[]; reach: number }>;
  /** Every branch's frame as the memory shows it, when there is one. */
  step(window: number[][], actions: number[], seed: number, memory?: SceneMemory): Promise<SceneBranch[]>;
}

export interface FrameSource {
  /** A decoded, cropped 64×64 RGB still from an uploaded image (refusing non-images and bombs). */
  fromUpload(key: string): Promise<Buffer>;
  /** A 64×64 RGB still cut from an episode's private media object at `atS`. */
  fromEpisode(mediaKey: string, atS: number): Promise<Buffer>;
}

export interface ScenePorts {
  scenes: SceneStore;
  inference: Inference;
  frames: FrameSource;
  catalog: CatalogReader;
  holdings: HoldingsReader;
  /** The products on sale, so a paywall here quotes the operator's prices as /play's does. */
  products?: () => Promise<ProductCatalog>;
  /** Starts an 8-branch batch without waiting for it (an async invocation in AWS). */
  precompute(request: PrecomputeRequest): Promise<void>;
  now: () => Date;
}

export class SceneConflict extends DomainError {
  constructor() {
    super('CONFLICT', 'the scene moved on: another press was first');
  }
}

/** A pan beyond the view's reach: the app greys that arrow out, so only a stale or hand-made request gets here. */
export class SceneEdge extends DomainError {
  constructor() {
    super('CONFLICT', 'the view cannot go further that way');
  }
}

/** The seed of one step: a scene replays the same way from the same presses. */
export function stepSeed(sceneSeed: number, step: number): number {
  return createHash('sha256').update(`${sceneSeed}:${step}`).digest().readUInt32BE(0);
}

export async function createScene(input: CreateSceneInput, userId: string, ports: ScenePorts): Promise<SceneOutput> {
  let rgb: Buffer;
  if (input.source.kind === 'upload') {
    // Ownership is read from the one shape POST /uploads issues; a prefix test let `uploads/<me>/../<you>/…` through.
    const upload = parseUploadKey(input.source.key);
    if (!upload) throw new BadRequest('not an upload key issued by POST /uploads');
    if (upload.userId !== userId) throw new Forbidden('that upload is not yours');
    rgb = await ports.frames.fromUpload(input.source.key);
  } else {
    const { seriesId, episode, atS } = input.source;
    const series = await ports.catalog.getSeries(seriesId);
    const now = ports.now();
    const found = series?.published ? releasedEpisodes(series, now).find((e) => e.index === episode) : undefined;
    if (!series || !found) throw new NotFound(`no episode ${episode} of ${seriesId}`);
    const holdings = await ports.holdings.holdingsOf(userId);
    if (!decideEntitlement(termsOf(series), episode, holdings, now).entitled) throw new EntitlementRequired(await paywallFor(series, episode, holdings, now, ports.products));
    if (atS >= found.durationS) throw new BadRequest(`episode ${episode} is ${found.durationS} s long`);
    rgb = await ports.frames.fromEpisode(found.mediaKey, atS);
  }
  const { tokens, png, controls, reach } = await ports.inference.encode(rgb);
  const scene: Scene = {
    sceneId: `sc_${randomBytes(12).toString('hex')}`,
    owner: userId,
    seed: randomBytes(4).readUInt32BE(0),
    step: 0,
    window: [tokens],
    frame: png,
    controls,
    memory: firstMemory(reach, tokens),
    pending: null,
    createdAt: ports.now().toISOString(),
  };
  await ports.scenes.create(scene);
  await ports.precompute({ sceneId: scene.sceneId, seed: scene.seed, step: 0, window: scene.window, memory: scene.memory, controls });
  return { sceneId: scene.sceneId, frame: png, step: 0, actions: sceneActionCount, controls, ...placeOf(scene.memory) };
}

/**
 * What the app polls between presses: the scene's frame and step, and once the next batch is ready, its
 * frames for the scene's controls, so a press can be painted before its answer arrives.
 */
export async function viewScene(sceneId: string, userId: string, ports: Pick<ScenePorts, 'scenes'>): Promise<SceneState> {
  const view = await ports.scenes.view(sceneId);
  if (!view) throw new NotFound(`no scene ${sceneId}`);
  if (view.owner !== userId) throw new Forbidden("only the scene's owner can see it");
  const { sceneId: id, frame, step, controls, ready, memory } = view;
  const next = ready ? controls.flatMap((c) => view.next.filter((b) => b.action === c.action).map((b) => ({ action: b.action, frame: b.png }))) : undefined;
  return { sceneId: id, frame, step, actions: sceneActionCount, controls, ...placeOf(memory), ready, ...(next ? { next } : {}) };
}

/** Where the view is and how far it may go, as the app reads them (nothing for a scene without memory). */
function placeOf(memory: Pick<SceneMemory, 'reach' | 'view'> | null | undefined) {
  return memory ? { reach: memory.reach, view: memory.view } : {};
}

async function ownScene(sceneId: string, userId: string, scenes: SceneStore): Promise<Scene> {
  const scene = await scenes.get(sceneId);
  if (!scene) throw new NotFound(`no scene ${sceneId}`);
  if (scene.owner !== userId) throw new Forbidden('only the scene\'s owner can play it');
  return scene;
}

async function computeOne(scene: Scene, action: number, inference: Inference): Promise<SceneBranchState> {
  const [b] = await inference.step(scene.window, [action], stepSeed(scene.seed, scene.step), scene.memory ?? undefined);
  return branchOf(scene, b);
}

/** The scene's state after taking branch `b` (its frame already seen through the memory by the endpoint). */
function branchOf(scene: Pick<Scene, 'window' | 'memory' | 'controls'>, b: SceneBranch): SceneBranchState {
  const name = scene.controls.find((c) => c.action === b.action)?.name;
  return {
    action: b.action,
    window: nextWindow(scene.window, b.tokens),
    png: b.frame.png,
    memory: scene.memory ? pressThrough(scene.memory, name, b.tokens).memory : null,
  };
}

/** Whether the view's reach lets `action` be pressed (every press does in a scene without memory). */
function allowed(scene: Pick<Scene, 'memory' | 'controls'>, action: number): boolean {
  const name = scene.controls.find((c) => c.action === action)?.name;
  return !scene.memory || canPress(scene.memory.view, name, scene.memory.reach);
}

/** The token window after a frame: the frame appended, the oldest dropped beyond the context length. */
export function nextWindow(window: number[][], tokens: number[]): number[][] {
  return [...window, tokens].slice(-sceneContextLength);
}

/**
 * A press. Zero wait: the precomputed branch is taken in one conditional write (no read first). When
 * that write's condition fails, the scene is read to tell a missing scene or another owner from a batch
 * that is not ready yet; then one step is computed now.
 */
export async function stepScene(sceneId: string, action: number, userId: string, ports: ScenePorts): Promise<SceneStepOutput> {
  const taken = await ports.scenes.takePending(sceneId, userId, action);
  if (taken) {
    await ports.precompute({ sceneId, seed: taken.seed, step: taken.step, window: taken.window, memory: taken.memory, controls: taken.controls });
    return { frame: taken.frame, step: taken.step, precomputed: true, ...(taken.memory ? { view: taken.memory.view } : {}) };
  }
  const scene = await ownScene(sceneId, userId, ports.scenes);
  if (!allowed(scene, action)) throw new SceneEdge();
  const ready = scene.pending?.step === scene.step ? scene.pending.branches.find((b) => b.action === action) : undefined;
  const branch = ready ?? (await computeOne(scene, action, ports.inference));
  if (!(await ports.scenes.advance(sceneId, scene.step, { window: branch.window, frame: branch.png, memory: branch.memory }))) throw new SceneConflict();
  await ports.precompute({ sceneId, seed: scene.seed, step: scene.step + 1, window: branch.window, memory: branch.memory, controls: scene.controls });
  return { frame: branch.png, step: scene.step + 1, precomputed: Boolean(ready), ...(branch.memory ? { view: branch.memory.view } : {}) };
}

/**
 * The batch job: the next frame for every action the view's reach allows, from the state the request
 * carries, stored if the scene is still in that state (it reads nothing first, so the batch is ready one
 * read sooner).
 */
export async function precomputeBranches({ sceneId, seed, step, window, memory, controls }: PrecomputeRequest, ports: Pick<ScenePorts, 'scenes' | 'inference'>): Promise<boolean> {
  const state = { window, memory: memory ?? null, controls: controls ?? [] };
  const actions = Array.from({ length: sceneActionCount }, (_, a) => a).filter((a) => allowed(state, a));
  const branches = await ports.inference.step(window, actions, stepSeed(seed, step), state.memory ?? undefined);
  return ports.scenes.setPending(sceneId, step, window, { step, branches: branches.map((b) => branchOf(state, b)) });
}
