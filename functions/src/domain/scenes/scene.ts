import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sceneActionCount, sceneContextLength, type SceneBranch, type SceneControl } from '@drama/shared/scenes';
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
 * A playable scene: the owner, the recent token window the dynamics model conditions on, the step
 * count, and (zero wait) the next frame for every action, computed in one batch before the press.
 * The inference endpoint is stateless; this item is the scene's whole state.
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
  /** The 8-branch batch for `pending.step`: a press at that step takes its branch, which holds the
   *  scene's window after that press (so the press itself is one write), and `branches[a].action === a`. */
  pending: { step: number; branches: Array<{ action: number; window: number[][]; png: string }> } | null;
  createdAt: string;
}

/** What the app polls between presses: the scene with its batch's frames (not its tokens), if the batch is ready. */
export type SceneView = Pick<Scene, 'sceneId' | 'owner' | 'step' | 'frame' | 'controls'> & {
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
});
export type PrecomputeRequest = z.infer<typeof precomputeRequestSchema>;

export interface SceneStore {
  create(scene: Scene): Promise<void>;
  get(sceneId: string): Promise<Scene | undefined>;
  /** The scene without its batch's token windows: its frame, and the batch's frames when it is ready. */
  view(sceneId: string): Promise<SceneView | undefined>;
  /** Advances from `fromStep` in one conditional write; false if another press got there first. */
  advance(sceneId: string, fromStep: number, next: { window: number[][]; frame: string }): Promise<boolean>;
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
  encode(rgb64: Buffer): Promise<{ tokens: number[]; png: string; controls: SceneControl[] }>;
  step(window: number[][], actions: number[], seed: number): Promise<SceneBranch[]>;
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
  const { tokens, png, controls } = await ports.inference.encode(rgb);
  const scene: Scene = {
    sceneId: `sc_${randomBytes(12).toString('hex')}`,
    owner: userId,
    seed: randomBytes(4).readUInt32BE(0),
    step: 0,
    window: [tokens],
    frame: png,
    controls,
    pending: null,
    createdAt: ports.now().toISOString(),
  };
  await ports.scenes.create(scene);
  await ports.precompute({ sceneId: scene.sceneId, seed: scene.seed, step: 0, window: scene.window });
  return { sceneId: scene.sceneId, frame: png, step: 0, actions: sceneActionCount, controls };
}

/**
 * What the app polls between presses: the scene's frame and step, and once the next batch is ready, its
 * frames for the scene's controls, so a press can be painted before its answer arrives.
 */
export async function viewScene(sceneId: string, userId: string, ports: Pick<ScenePorts, 'scenes'>): Promise<SceneState> {
  const view = await ports.scenes.view(sceneId);
  if (!view) throw new NotFound(`no scene ${sceneId}`);
  if (view.owner !== userId) throw new Forbidden("only the scene's owner can see it");
  const { sceneId: id, frame, step, controls, ready } = view;
  const next = ready ? controls.flatMap((c) => view.next.filter((b) => b.action === c.action).map((b) => ({ action: b.action, frame: b.png }))) : undefined;
  return { sceneId: id, frame, step, actions: sceneActionCount, controls, ready, ...(next ? { next } : {}) };
}

async function ownScene(sceneId: string, userId: string, scenes: SceneStore): Promise<Scene> {
  const scene = await scenes.get(sceneId);
  if (!scene) throw new NotFound(`no scene ${sceneId}`);
  if (scene.owner !== userId) throw new Forbidden('only the scene\'s owner can play it');
  return scene;
}

async function computeOne(scene: Scene, action: number, inference: Inference) {
  const [b] = await inference.step(scene.window, [action], stepSeed(scene.seed, scene.step));
  return { action, window: nextWindow(scene.window, b.tokens), png: b.frame.png };
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
    await ports.precompute({ sceneId, seed: taken.seed, step: taken.step, window: taken.window });
    return { frame: taken.frame, step: taken.step, precomputed: true };
  }
  const scene = await ownScene(sceneId, userId, ports.scenes);
  const ready = scene.pending?.step === scene.step ? scene.pending.branches.find((b) => b.action === action) : undefined;
  const branch = ready ?? (await computeOne(scene, action, ports.inference));
  if (!(await ports.scenes.advance(sceneId, scene.step, { window: branch.window, frame: branch.png }))) throw new SceneConflict();
  await ports.precompute({ sceneId, seed: scene.seed, step: scene.step + 1, window: branch.window });
  return { frame: branch.png, step: scene.step + 1, precomputed: Boolean(ready) };
}

/**
 * The batch job: the next frame for every action from the state the request carries, stored if the
 * scene is still in that state (it reads nothing first, so the batch is ready one read sooner).
 */
export async function precomputeBranches({ sceneId, seed, step, window }: PrecomputeRequest, ports: Pick<ScenePorts, 'scenes' | 'inference'>): Promise<boolean> {
  const actions = Array.from({ length: sceneActionCount }, (_, a) => a);
  const branches = await ports.inference.step(window, actions, stepSeed(seed, step));
  return ports.scenes.setPending(sceneId, step, window, {
    step,
    branches: branches.map((b) => ({ action: b.action, window: nextWindow(window, b.tokens), png: b.frame.png })),
  });
}
