/**
 * @jest-environment ./models/runtime/onnx-test-environment.ts
 */
import { Tensor } from 'onnxruntime-node';
import { ArtifactError } from './artifacts';
import { createSoftmaxStage } from './softmax';
import { mulberry32 } from './maskgit';

describe('the softmax graph', () => {
  it('gives softmax(logits / temperature) over the last axis', async () => {
    const stage = await createSoftmaxStage({ dir: '', ep: 'cpu', threads: 1 });
    const [B, N, K] = [2, 3, 50];
    const rand = mulberry32(1);
    const logits = Float32Array.from({ length: B * N * K }, () => rand() * 20 - 10);
    const { probs } = await stage.run({
      logits: new Tensor('float32', logits, [B, N, K]),
      temperature: new Tensor('float32', Float32Array.of(0.5), []),
    });
    expect([...probs.dims]).toEqual([B, N, K]);
    const p = probs.data as Float32Array;
    for (let row = 0; row < B * N; row++) {
      const l = logits.subarray(row * K, (row + 1) * K);
      const max = Math.max(...l);
      const sum = l.reduce((s, v) => s + Math.exp((v - max) / 0.5), 0);
      for (let k = 0; k < K; k++) expect(p[row * K + k]).toBeCloseTo(Math.exp((l[k] - max) / 0.5) / sum, 6);
    }
  });

  it('is checked like an artifact: a wrong rank is refused before it runs', async () => {
    const stage = await createSoftmaxStage({ dir: '', ep: 'cpu', threads: 1 });
    await expect(stage.run({
      logits: new Tensor('float32', new Float32Array(4), [4]),
      temperature: new Tensor('float32', Float32Array.of(1), []),
    })).rejects.toThrow(ArtifactError);
  });
});
