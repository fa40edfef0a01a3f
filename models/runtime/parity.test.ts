/**
 * @jest-environment ./models/runtime/onnx-test-environment.ts
 */
// ONNX parity: each exported stage, run by onnxruntime-node on the inputs the export saved, must give
// PyTorch's outputs within the tolerance written in <stage>.json, and match the shapes declared there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const STAGES = ['tokenizer_encoder', 'tokenizer_decoder', 'lam_encoder', 'dynamics_context', 'dynamics'] as const;

type Dim = number | string; // a string names a free axis: 'B', or 'Bc' for the dynamics' cache
interface TensorSpec { name: string; dtype: 'float32' | 'int64'; shape: Dim[] }
interface Fixture { file: string; dtype: 'float32' | 'int64'; shape: number[] }
interface StageMeta {
  stage: string;
  config: Record<string, unknown>;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  parity: {
    inputs: Record<string, Fixture>;
    outputs: Record<string, Fixture>;
    atol: number;
    rtol: number;
    max_int_mismatch: number;
  };
}

function readMeta(stage: string): StageMeta {
  return JSON.parse(readFileSync(join(ARTIFACTS, `${stage}.json`), 'utf8')) as StageMeta;
}

function readFixture(f: Fixture): Tensor {
  const buf = readFileSync(join(ARTIFACTS, f.file));
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const data = f.dtype === 'float32' ? new Float32Array(bytes) : new BigInt64Array(bytes);
  return new Tensor(f.dtype, data, f.shape);
}

function matchesSpec(shape: readonly number[], spec: TensorSpec, batch: number): boolean {
  return shape.length === spec.shape.length && spec.shape.every((d, i) => (d === 'B' ? batch : d) === shape[i]);
}

/** The size of axis "B" in a run: from the first input declared with it. */
function batchOf(meta: StageMeta, feeds: Record<string, Tensor>): number {
  const spec = meta.inputs.find((s) => s.shape[0] === 'B') ?? meta.inputs[0];
  return feeds[spec.name].dims[0];
}

describe.each(STAGES)('%s.onnx', (stage) => {
  const meta = readMeta(stage);
  let session: InferenceSession;

  beforeAll(async () => {
    session = await InferenceSession.create(join(ARTIFACTS, `${stage}.onnx`));
  });

  it('declares the names the session has', () => {
    expect([...session.inputNames]).toEqual(meta.inputs.map((s) => s.name));
    expect([...session.outputNames]).toEqual(meta.outputs.map((s) => s.name));
  });

  it('gives PyTorch outputs on the saved inputs, in the declared shapes', async () => {
    const feeds: Record<string, Tensor> = {};
    for (const spec of meta.inputs) {
      feeds[spec.name] = readFixture(meta.parity.inputs[spec.name]);
      expect(feeds[spec.name].type).toBe(spec.dtype);
    }
    const batch = batchOf(meta, feeds);
    const results = await session.run(feeds);
    for (const spec of meta.outputs) {
      const got = results[spec.name];
      const want = readFixture(meta.parity.outputs[spec.name]);
      expect(got.type).toBe(spec.dtype);
      expect(matchesSpec(got.dims, spec, batch)).toBe(true);
      expect([...got.dims]).toEqual([...want.dims]);
      if (spec.dtype === 'float32') {
        const g = got.data as Float32Array;
        const w = want.data as Float32Array;
        let worst = 0;
        for (let i = 0; i < w.length; i++) {
          worst = Math.max(worst, Math.abs(g[i] - w[i]) - meta.parity.rtol * Math.abs(w[i]));
        }
        expect(worst).toBeLessThanOrEqual(meta.parity.atol);
      } else {
        const g = got.data as BigInt64Array;
        const w = want.data as BigInt64Array;
        let mismatches = 0;
        for (let i = 0; i < w.length; i++) if (g[i] !== w[i]) mismatches++;
        expect(mismatches / w.length).toBeLessThanOrEqual(meta.parity.max_int_mismatch);
      }
    }
  });
});

describe('dynamics.onnx with a batch of 8 (one per latent action) against one context cache', () => {
  it('returns digit logits for every token of every branch, and they depend on the action', async () => {
    const meta = readMeta('dynamics');
    const context = await InferenceSession.create(join(ARTIFACTS, 'dynamics_context.onnx'));
    const session = await InferenceSession.create(join(ARTIFACTS, 'dynamics.onnx'));
    const T = Number(meta.config.context);
    const N = Number(meta.config.grid) ** 2;
    const levels = (meta.config.levels as number[]).map(Number);
    const [d, V] = [levels.length, Math.max(...levels)];
    const A = Number(meta.config.actions);
    const { kv } = await context.run({ context: new Tensor('int64', new BigInt64Array(T * N).fill(5n), [1, T, N]) });
    expect(kv.dims[0]).toBe(1);
    const action = BigInt64Array.from({ length: A }, (_, a) => BigInt(a));
    const next = new BigInt64Array(A * N).fill(BigInt(Number(meta.config.mask_id)));
    const last = new Tensor('int64', new BigInt64Array(N).fill(5n), [1, N]);
    const out = await session.run({ kv, last, action: new Tensor('int64', action, [A]), next_tokens: new Tensor('int64', next, [A, N]) });
    expect([...out.logits.dims]).toEqual([A, N, d, V]);
    const logits = out.logits.data as Float32Array;
    const size = N * d * V;
    let diff = 0;
    for (let i = 0; i < size; i++) diff += Math.abs(logits[i] - logits[size + i]);
    expect(diff).toBeGreaterThan(0);
  });
});
