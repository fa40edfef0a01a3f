/**
 * @jest-environment ./models/runtime/onnx-test-environment.ts
 */
// MaskGIT sampling on the real artifacts: deterministic by seed, and steered by the action.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultArtifactsDir } from './artifacts';
import { fromPlanar } from './image';
import { branchSeed, maskedAfter, mulberry32 } from './maskgit';
import { WorldModel } from './world';

function fixture<T>(file: string, Type: new (b: ArrayBuffer) => T): T {
  const buf = readFileSync(join(defaultArtifactsDir, 'parity', file));
  return new Type(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** The 4 real context frames the export saved for the dynamics parity check. */
function realContext(): Uint32Array[] {
  const all = fixture('dynamics_context.context.bin', BigInt64Array); // (1, 4, 256)
  return [0, 1, 2, 3].map((t) => Uint32Array.from(all.subarray(t * 256, (t + 1) * 256), Number));
}

const differing = (a: Uint32Array, b: Uint32Array) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);

describe('the unmasking schedule', () => {
  it('follows dynamics.py: cos(pi/2 * (s+1)/steps) of 256 stay masked, none at the end', () => {
    expect([0, 1, 2, 3, 4, 5].map((s) => maskedAfter(s, 6, 256))).toEqual([247, 221, 181, 128, 66, 0]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((s) => maskedAfter(s, 8, 256))).toEqual([251, 236, 212, 181, 142, 97, 49, 0]);
    expect(maskedAfter(0, 1, 256)).toBe(0);
  });
});

describe('the seeded PRNG', () => {
  it('repeats for a seed and differs between seeds and between actions', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    expect(branchSeed(1, 0)).not.toBe(branchSeed(1, 1));
    expect(branchSeed(1, 0)).not.toBe(branchSeed(2, 0));
    for (const u of draws(7)) expect(u >= 0 && u < 1).toBe(true);
  });
});

describe('WorldModel.step (MaskGIT over the dynamics session)', () => {
  let model: WorldModel;
  const context = realContext();

  beforeAll(async () => {
    model = await WorldModel.load({ dir: defaultArtifactsDir, ep: 'cpu', threads: 1 });
  });

  it('gives the same tokens for the same seed, and other tokens for another seed', async () => {
    const [a] = await model.step(context, [3], { seed: 11, temperature: 0.5 });
    const [b] = await model.step(context, [3], { seed: 11, temperature: 0.5 });
    const [c] = await model.step(context, [3], { seed: 12, temperature: 0.5 });
    expect(a).toEqual(b);
    expect(differing(a, c)).toBeGreaterThan(0);
    expect(a.length).toBe(256);
    for (const t of a) expect(t >= 0 && t < model.config.codes).toBe(true); // every MASK was filled
  });

  it('gives different next frames for different actions on the same context', async () => {
    // greedy decoding draws no random numbers at all, so any difference comes from the action
    const greedy = await model.step(context, [0, 1, 2, 3, 4, 5, 6, 7], { seed: 5, temperature: 0 });
    expect(greedy).toHaveLength(8);
    expect(new Set(greedy.map((t) => t.join(','))).size).toBeGreaterThan(1);
  });

  it('gives a branch the same tokens alone as inside the 8-branch batch', async () => {
    const batch = await model.step(context, [0, 1, 2, 3, 4, 5, 6, 7], { seed: 9, temperature: 0.5 });
    const [alone] = await model.step(context, [6], { seed: 9, temperature: 0.5 });
    expect(alone).toEqual(batch[6]);
  });

  it('pads a short context by repeating its oldest frame', async () => {
    const still = context[3];
    const [short] = await model.step([still], [2], { seed: 3, temperature: 0.5, steps: 4 });
    const [padded] = await model.step([still, still, still, still], [2], { seed: 3, temperature: 0.5, steps: 4 });
    expect(short).toEqual(padded);
  });

  it('stops at the next step once its signal aborts', async () => {
    const stop = new AbortController();
    stop.abort(new Error('time is up'));
    await expect(model.step(context, [1], { seed: 1, temperature: 0.5, signal: stop.signal })).rejects.toThrow('time is up');
  });

  it('encodes and decodes as PyTorch does (the parity fixtures of the export, through bytes)', async () => {
    const frames = fixture('tokenizer_encoder.frames.bin', Float32Array); // (2, 3, 64, 64) = uint8 / 255
    const tokens = fixture('tokenizer_encoder.tokens.bin', BigInt64Array); // (2, 256)
    const rgb = fromPlanar(frames, 64 * 64); // the first frame back to (64, 64, 3) bytes, exactly
    const encoded = await model.encode(rgb);
    expect(differing(encoded, Uint32Array.from(tokens.subarray(0, 256), Number))).toBeLessThanOrEqual(256 * 0.01);

    const codes = fixture('tokenizer_decoder.tokens.bin', BigInt64Array); // (2, 256)
    const want = fixture('tokenizer_decoder.frames.bin', Float32Array); // (2, 3, 64, 64)
    const decoded = await model.decode([0, 1].map((b) => Uint32Array.from(codes.subarray(b * 256, (b + 1) * 256), Number)));
    expect(decoded.map((f) => f.length)).toEqual([64 * 64 * 3, 64 * 64 * 3]);
    // Float rounding may move a pixel by one level when PyTorch's value sits on a .5 boundary.
    decoded.forEach((f, b) => {
      const expected = fromPlanar(want, 64 * 64, b * 3 * 64 * 64);
      const worst = f.reduce((max, v, i) => Math.max(max, Math.abs(v - expected[i])), 0);
      expect(worst).toBeLessThanOrEqual(1);
    });
  });
});
