// The world model as the server uses it: encode a frame to tokens, decode tokens to frames, and step a
// scene forward under one or more latent actions. Frames here are the model's 64×64 (H, W, 3) bytes;
// tokens are (N,) Uint32Arrays of FSQ code indices, the 16×16 grid flattened row-major.
//
// A step runs `dynamics_context` once on the context (one sample: every branch shares it), then
// `dynamics` once per MaskGIT refinement for all branches against that cache (models/world/dynamics.py).
//
// Shape key: B batch (branches), T context frames, N tokens a frame, K codes, d digits a token,
// S = 64 pixels a side.
import { Tensor } from 'onnxruntime-node';
import {
  sceneActionCount,
  sceneCodebookSize,
  sceneContextLength,
  sceneControlsSchema,
  sceneDefaultTemperature,
  sceneFrameSize,
  sceneMaxReach,
  sceneTokensPerFrame,
  type SceneControl,
} from '@drama/shared/scenes';
import { ArtifactError, loadStage, type RuntimeOptions, type Stage } from './artifacts';
import { fromPlanar, toPlanar } from './image';
import { branchSeed, sampleMaskGit } from './maskgit';

export interface WorldConfig {
  frameSize: number; // S
  tokens: number; // N
  codes: number; // K
  levels: number[]; // values of each digit of a token; K is their product
  maskId: number;
  actions: number;
  context: number; // T
  steps: number; // MaskGIT steps the model was trained to sample with
  temperature: number; // sampling temperature chosen after training (evaluate.choose_temperature)
  controls: SceneControl[]; // the named latent actions a viewer steers with (evaluate.name_actions)
  reach: number; // how far a scene's view may go from its start, in tokens (models/world/steer.py REACH; shared pressThrough)
}

export interface StepOptions {
  seed: number;
  steps?: number;
  temperature?: number;
  signal?: AbortSignal;
}

/** int64 tensors from codes below 2^32: write the low 32-bit word of each little-endian int64. */
function writeInt64(dst: BigInt64Array, src: ArrayLike<number>, offset = 0): void {
  const words = new Uint32Array(dst.buffer, dst.byteOffset, dst.length * 2);
  for (let i = 0; i < src.length; i++) {
    words[(offset + i) * 2] = src[i];
    words[(offset + i) * 2 + 1] = 0;
  }
}

function readInt64(src: BigInt64Array): Uint32Array {
  return Uint32Array.from(src, (v) => Number(v));
}

/** The artifacts must have the sizes the shared contract promises callers; say which one differs. */
function readConfig(encoder: Stage, decoder: Stage, dynamics: Stage): WorldConfig {
  const c = dynamics.meta.config;
  const frame = encoder.meta.inputs[0].shape;
  const levels = (Array.isArray(c.levels) ? c.levels : []).map(Number);
  const config: WorldConfig = {
    frameSize: Number(frame[3]),
    tokens: Number(c.grid) ** 2,
    codes: Number(c.codebook_size),
    levels,
    maskId: Number(c.mask_id),
    actions: Number(c.actions),
    context: Number(c.context),
    steps: Number(c.steps),
    temperature: Number(c.temperature),
    controls: [],
    reach: Number(c.reach),
  };
  const controls = sceneControlsSchema.safeParse(c.controls);
  if (!controls.success) throw new ArtifactError(`dynamics.json config.controls is not a list of named controls: ${controls.error.issues[0]?.message}`);
  config.controls = controls.data;
  const promised: [string, number, number][] = [
    ['frame size', config.frameSize, sceneFrameSize],
    ['frame height', Number(frame[2]), sceneFrameSize],
    ['tokens a frame', config.tokens, sceneTokensPerFrame],
    ['codebook size', config.codes, sceneCodebookSize],
    ['tokenizer codebook size', Number(decoder.meta.config.codebook_size), sceneCodebookSize],
    ['latent actions', config.actions, sceneActionCount],
    ['context frames', config.context, sceneContextLength],
    ['mask id', config.maskId, sceneCodebookSize],
    ['product of the digit levels', levels.reduce((a, b) => a * b, 1), sceneCodebookSize],
    ['sampling temperature', config.temperature, sceneDefaultTemperature],
  ];
  for (const [what, got, want] of promised) {
    if (got !== want) throw new ArtifactError(`artifacts have ${what} ${got}, shared/src/scenes.ts promises ${want}`);
  }
  if (!(config.steps >= 1)) throw new ArtifactError(`dynamics.json config.steps is ${c.steps}`);
  if (!(Number.isInteger(config.reach) && config.reach >= 1 && config.reach <= sceneMaxReach)) {
    throw new ArtifactError(`dynamics.json config.reach is ${c.reach}, not a reach of 1..${sceneMaxReach} tokens`);
  }
  return config;
}

export class WorldModel {
  private constructor(
    readonly config: WorldConfig,
    private readonly encoder: Stage,
    private readonly decoder: Stage,
    private readonly context: Stage,
    private readonly dynamics: Stage,
  ) {}

  static async load(opts: RuntimeOptions): Promise<WorldModel> {
    const [encoder, decoder, context, dynamics] = await Promise.all([
      loadStage('tokenizer_encoder', opts),
      loadStage('tokenizer_decoder', opts),
      loadStage('dynamics_context', opts),
      loadStage('dynamics', opts),
    ]);
    return new WorldModel(readConfig(encoder, decoder, dynamics), encoder, decoder, context, dynamics);
  }

  /** A token grid has N codes of 0..K-1; anything else would reach the sessions as a bad index. */
  private checkGrid(grid: ArrayLike<number>): ArrayLike<number> {
    const { tokens: N, codes: K } = this.config;
    if (grid.length !== N) throw new RangeError(`a token grid has ${N} tokens, not ${grid.length}`);
    for (let i = 0; i < N; i++) {
      if (!(Number.isInteger(grid[i]) && grid[i] >= 0 && grid[i] < K)) throw new RangeError(`token ${grid[i]} is not a code of 0 to ${K - 1}`);
    }
    return grid;
  }

  /** One 64×64 (S, S, 3) frame -> its (N,) tokens. */
  async encode(rgb: Uint8Array): Promise<Uint32Array> {
    const S = this.config.frameSize;
    if (rgb.length !== S * S * 3) throw new RangeError(`a frame has ${S * S * 3} bytes, not ${rgb.length}`);
    const frames = new Float32Array(3 * S * S); // (1, 3, S, S)
    toPlanar(rgb, frames);
    const out = await this.encoder.run({ frames: new Tensor('float32', frames, [1, 3, S, S]) });
    return readInt64(out.tokens.data as BigInt64Array);
  }

  /** B token grids -> B frames (S, S, 3), in one decoder call. */
  async decode(tokens: readonly ArrayLike<number>[]): Promise<Uint8Array[]> {
    const { frameSize: S, tokens: N } = this.config;
    const B = tokens.length;
    const data = new BigInt64Array(B * N); // (B, N)
    tokens.forEach((t, b) => writeInt64(data, this.checkGrid(t), b * N));
    const out = await this.decoder.run({ tokens: new Tensor('int64', data, [B, N]) });
    const frames = out.frames.data as Float32Array; // (B, 3, S, S)
    return tokens.map((_, b) => fromPlanar(frames, S * S, b * 3 * S * S));
  }

  /**
   * The next frame's tokens under each action, from the same context (1..T frames, oldest first; fewer
   * than T are padded by repeating the oldest). The context is run once, as one sample; then all
   * branches share one dynamics call per MaskGIT step, reading that cache.
   */
  async step(context: readonly ArrayLike<number>[], actions: readonly number[], opts: StepOptions): Promise<Uint32Array[]> {
    const { tokens: N, context: T, maskId, levels } = this.config;
    const B = actions.length;
    if (context.length < 1 || context.length > T) throw new RangeError(`context has ${context.length} frames, not 1 to ${T}`);
    if (B < 1) throw new RangeError('no actions');
    for (const a of actions) if (!(Number.isInteger(a) && a >= 0 && a < this.config.actions)) throw new RangeError(`action ${a} is not 0 to ${this.config.actions - 1}`);
    context.forEach((f) => this.checkGrid(f));
    const frames = [...Array<ArrayLike<number>>(T - context.length).fill(context[0]), ...context]; // T frames
    // --- the context's keys and values, once: (1, Y, 2, T, G, D) ---
    const ctx = new BigInt64Array(T * N); // (1, T, N)
    frames.forEach((f, t) => writeInt64(ctx, f, t * N));
    opts.signal?.throwIfAborted();
    const { kv } = await this.context.run({ context: new Tensor('int64', ctx, [1, T, N]) });
    // --- inputs fixed for the whole loop; each step rewrites next_tokens in place ---
    const feeds = {
      kv,
      last: new Tensor('int64', ctx.slice((T - 1) * N), [1, N]), // the copy prior's last frame
      action: new Tensor('int64', BigInt64Array.from(actions, (a) => BigInt(a)), [B]),
      next_tokens: new Tensor('int64', new BigInt64Array(B * N), [B, N]),
    };
    const next = feeds.next_tokens.data as BigInt64Array;
    const tokens = await sampleMaskGit(
      async (current) => {
        writeInt64(next, current);
        const { logits } = await this.dynamics.run(feeds); // (B, N, d, V)
        return logits.data as Float32Array;
      },
      { branches: B, tokens: N, levels, maskId },
      actions.map((a) => branchSeed(opts.seed, a)),
      { steps: opts.steps ?? this.config.steps, temperature: opts.temperature ?? this.config.temperature, signal: opts.signal },
    );
    return actions.map((_, b) => tokens.slice(b * N, (b + 1) * N));
  }
}
