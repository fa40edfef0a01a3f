// The exported stages: each `<stage>.onnx` beside a `<stage>.json` that declares its config, input and
// output names, dtypes and shapes ("B" = the batch axis; models/world/export.py writes both). A stage is
// loaded only if the session agrees with its JSON, and every run is checked against the JSON first, so
// a retrained model with other sizes fails here with a clear message, not deep inside a kernel.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, type Tensor } from 'onnxruntime-node';

/** The stages the server runs; lam_encoder labels training clips only and is not loaded. */
export type StageName = 'tokenizer_encoder' | 'tokenizer_decoder' | 'dynamics_context' | 'dynamics';
type Dim = number | string; // a string names a free axis ("B")
type DType = 'float32' | 'int64';
export interface TensorSpec { name: string; dtype: DType; shape: Dim[] }
export interface StageMeta {
  stage: string;
  config: Record<string, unknown>;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

export interface RuntimeOptions {
  /** folder holding <stage>.onnx and <stage>.json */
  dir: string;
  /** 'cuda' asks for the CUDA execution provider first and falls back to the CPU for unsupported ops */
  ep: 'cpu' | 'cuda';
  /** threads inside one operator; 1 by default so one request does not take every core */
  threads: number;
}

export const defaultArtifactsDir = join(__dirname, '..', 'artifacts');

/** Reads WORLD_ARTIFACTS, WORLD_EP and WORLD_THREADS once, at start-up. */
export function runtimeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeOptions {
  const ep = env.WORLD_EP ?? 'cpu';
  if (ep !== 'cpu' && ep !== 'cuda') throw new ArtifactError(`WORLD_EP must be cpu or cuda, not ${ep}`);
  const threads = Number(env.WORLD_THREADS ?? 1);
  if (!Number.isInteger(threads) || threads < 1) throw new ArtifactError(`WORLD_THREADS must be a positive integer, not ${env.WORLD_THREADS}`);
  return { dir: env.WORLD_ARTIFACTS ?? defaultArtifactsDir, ep, threads };
}

export function readStageMeta(dir: string, stage: StageName): StageMeta {
  const path = join(dir, `${stage}.json`);
  if (!existsSync(path)) throw new ArtifactError(`${path} is missing: run \`npm run train:world\` (it exports models/artifacts)`);
  const meta = JSON.parse(readFileSync(path, 'utf8')) as StageMeta;
  if (!Array.isArray(meta.inputs) || !Array.isArray(meta.outputs) || typeof meta.config !== 'object') {
    throw new ArtifactError(`${path} has no inputs, outputs or config`);
  }
  return meta;
}

const describe = (s: { name: string; dtype?: string; type?: string; shape: readonly Dim[] }) =>
  `${s.name} ${s.dtype ?? s.type} [${s.shape.join(', ')}]`;

/** One ONNX session with the contract its JSON declares. */
export class Stage {
  constructor(
    readonly name: string,
    readonly meta: StageMeta,
    private readonly session: InferenceSession,
  ) {
    this.checkSession();
  }

  /** Runs the session after checking every feed against the JSON, and checks what comes out. */
  async run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    const free = new Map<string, number>(); // free axis name -> its size in this run
    for (const spec of this.meta.inputs) {
      const t = feeds[spec.name];
      if (!t) throw new ArtifactError(`${this.name}: input ${spec.name} missing`);
      this.checkTensor('input', spec, t, free);
    }
    const out = (await this.session.run(feeds)) as Record<string, Tensor>;
    for (const spec of this.meta.outputs) this.checkTensor('output', spec, out[spec.name], free);
    return out;
  }

  private checkTensor(kind: string, spec: TensorSpec, t: Tensor | undefined, free: Map<string, number>): void {
    const fail = (why: string) => {
      throw new ArtifactError(`${this.name}: ${kind} ${spec.name} ${why}; ${this.name}.json declares ${describe(spec)}`);
    };
    if (!t) return fail('was not produced');
    if (t.type !== spec.dtype) fail(`is ${t.type}`);
    if (t.dims.length !== spec.shape.length) fail(`has shape [${t.dims.join(', ')}]`);
    spec.shape.forEach((d, i) => {
      if (typeof d === 'number') {
        if (t.dims[i] !== d) fail(`has shape [${t.dims.join(', ')}]`);
      } else if ((free.get(d) ?? t.dims[i]) !== t.dims[i]) {
        fail(`has ${d} = ${t.dims[i]}, another tensor of this run has ${free.get(d)}`);
      } else free.set(d, t.dims[i]);
    });
  }

  /** Names, dtypes and shapes of the loaded graph must be the JSON's, in order. */
  private checkSession(): void {
    const pairs = [
      ['inputs', this.meta.inputs, this.session.inputMetadata],
      ['outputs', this.meta.outputs, this.session.outputMetadata],
    ] as const;
    for (const [kind, specs, metas] of pairs) {
      const same =
        specs.length === metas.length &&
        specs.every((spec, i) => {
          const m = metas[i];
          return m.isTensor && m.name === spec.name && m.type === spec.dtype &&
            m.shape.length === spec.shape.length && m.shape.every((d, j) => d === spec.shape[j]);
        });
      if (!same) {
        const graph = metas.map((m) => (m.isTensor ? describe(m) : `${m.name} (not a tensor)`)).join('; ');
        throw new ArtifactError(`${this.name}.onnx ${kind} are {${graph}} but ${this.name}.json declares {${specs.map(describe).join('; ')}}`);
      }
    }
  }
}

export function sessionOptions(opts: RuntimeOptions): InferenceSession.SessionOptions {
  return {
    executionProviders: opts.ep === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential', // the graphs are chains; parallel branches would only add thread hops
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
  };
}

export async function loadStage(stage: StageName, opts: RuntimeOptions): Promise<Stage> {
  const meta = readStageMeta(opts.dir, stage);
  const path = join(opts.dir, `${stage}.onnx`);
  if (!existsSync(path)) throw new ArtifactError(`${path} is missing beside ${stage}.json`);
  return new Stage(stage, meta, await InferenceSession.create(path, sessionOptions(opts)));
}
