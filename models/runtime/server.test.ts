/**
 * @jest-environment ./models/runtime/onnx-test-environment.ts
 */
// The inference server through HTTP, on the real artifacts: the SageMaker contract and its limits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeSceneOutputSchema,
  firstMemory,
  pressThrough,
  sceneCodebookSize,
  sceneErrorBodySchema,
  sceneMaxRequestBytes,
  stepSceneOutputSchema,
  type EncodeSceneOutput,
  type SceneMemory,
} from '@drama/shared/scenes';
import { defaultArtifactsDir } from './artifacts';
import { startInferenceServer, type InferenceServer } from './server';
import { WorldModel } from './world';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** An 80×48 picture: a warm wall, a dark floor, a red figure; like a drama still, not a training clip. */
function still(): { width: number; height: number; rgb: string } {
  const [w, h] = [80, 48];
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const figure = Math.abs(x - 40) < 5 && y > 12 && y < 40;
      const px = figure ? [150, 30, 40] : y > 34 ? [90, 70, 50] : [200 - y, 170 - y, 140];
      rgb.set(px, (y * w + x) * 3);
    }
  }
  return { width: w, height: h, rgb: rgb.toString('base64') };
}

async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  const body = sceneErrorBodySchema.parse(await res.json());
  expect(body.code).toBe(code);
  return body.message;
}

describe('the inference server', () => {
  let model: WorldModel;
  let server: InferenceServer;
  let scene: EncodeSceneOutput;

  beforeAll(async () => {
    model = await WorldModel.load({ dir: defaultArtifactsDir, ep: 'cpu', threads: 1 });
    // a generous limit: this suite runs beside training on a loaded 2-core machine
    server = await startInferenceServer({ port: 0, model, timeoutMs: 60_000 });
    await server.ready;
  });
  afterAll(() => server.close());

  it('answers GET /ping with 200 once the model is loaded', async () => {
    const res = await fetch(`${server.url}/ping`);
    expect(res.status).toBe(200);
  });

  it('encodes an uploaded picture to a token grid and the frame it decodes to', async () => {
    const res = await post(server.url, { op: 'encode', image: still() });
    expect(res.status).toBe(200);
    scene = encodeSceneOutputSchema.parse(await res.json());
    expect(scene.tokens).toHaveLength(256);
    expect(Buffer.from(scene.frame.rgb, 'base64')).toHaveLength(64 * 64 * 3);
    expect(scene.frame.png).toMatch(/^data:image\/png;base64,iVBORw0KGgo/); // the PNG signature
    expect(scene.controls).toEqual(model.config.controls); // the d-pad the app shows: the model's named controls
  });

  it('steps the scene under all 8 latent actions, and one branch alone repeats its batch answer', async () => {
    const actions = [0, 1, 2, 3, 4, 5, 6, 7];
    const res = await post(server.url, { op: 'step', tokens: [scene.tokens], actions, seed: 42 });
    expect(res.status).toBe(200);
    const { branches } = stepSceneOutputSchema.parse(await res.json());
    expect(branches.map((b) => b.action)).toEqual(actions);
    expect(new Set(branches.map((b) => b.frame.rgb)).size).toBeGreaterThan(1);

    // the next press: the scene's history grows by the chosen branch; the same seed gives the same frame
    const again = await post(server.url, { op: 'step', tokens: [scene.tokens], actions: [5], seed: 42 });
    const [five] = stepSceneOutputSchema.parse(await again.json()).branches;
    expect(five).toEqual(branches[5]);
    const next = await post(server.url, { op: 'step', tokens: [scene.tokens, five.tokens], actions: [1], seed: 43, steps: 4, temperature: 1 });
    expect(next.status).toBe(200);
  });

  it('sees each branch through the scene\'s memory: a pan and its way back give the start frame exactly', async () => {
    expect(scene.reach).toBe(model.config.reach);
    const memory = firstMemory(scene.reach, scene.tokens);
    const right = model.config.controls.find((c) => c.name === 'right')!;
    const left = model.config.controls.find((c) => c.name === 'left')!;
    const step = async (tokens: number[][], actions: number[], mem: SceneMemory) =>
      stepSceneOutputSchema.parse(await (await post(server.url, { op: 'step', tokens, actions, seed: 7, memory: mem })).json()).branches;
    const [went] = await step([scene.tokens], [right.action], memory);
    for (let r = 0; r < 16; r++) expect(went.tokens.slice(r * 16, r * 16 + 15)).toEqual(scene.tokens.slice(r * 16 + 1, r * 16 + 16));
    const after = pressThrough(memory, 'right', went.tokens).memory;
    const [back] = await step([scene.tokens, went.tokens], [left.action], after);
    expect(back.tokens).toEqual(scene.tokens);
    expect(back.frame).toEqual(scene.frame); // the still as the scene first showed it, not repainted
    const bad = { ...memory, cells: memory.cells.slice(1) };
    expect((await post(server.url, { op: 'step', tokens: [scene.tokens], actions: [1], seed: 1, memory: bad })).status).toBe(400);
  });

  it.each([
    ['not JSON', '{"op": "step",'],
    ['an unknown op', { op: 'dream' }],
    ['a step without a seed', { op: 'step', tokens: [Array(256).fill(0)], actions: [1] }],
    ['action 8 (there are 8 actions, 0 to 7)', { op: 'step', tokens: [Array(256).fill(0)], actions: [8], seed: 1 }],
    ['a repeated action', { op: 'step', tokens: [Array(256).fill(0)], actions: [2, 2], seed: 1 }],
    ['a token outside the codebook', { op: 'step', tokens: [Array(256).fill(sceneCodebookSize)], actions: [1], seed: 1 }],
    ['a short token grid', { op: 'step', tokens: [Array(255).fill(0)], actions: [1], seed: 1 }],
    ['more frames than the context', { op: 'step', tokens: Array(5).fill(Array(256).fill(0)), actions: [1], seed: 1 }],
    ['rgb of the wrong size', { op: 'encode', image: { width: 2, height: 2, rgb: 'AAAA' } }],
    ['an image over 1024 px', { op: 'encode', image: { width: 2000, height: 1, rgb: 'A'.repeat(8000) } }],
  ])('answers 400 BAD_REQUEST to %s', async (_, body) => {
    const message = await expectError(await post(server.url, body), 400, 'BAD_REQUEST');
    expect(message.length).toBeGreaterThan(0);
  });

  it('answers 413 PAYLOAD_TOO_LARGE to a body over the limit, and goes on serving', async () => {
    const big = JSON.stringify({ op: 'encode', image: { width: 1, height: 1, rgb: 'A'.repeat(sceneMaxRequestBytes) } });
    await expectError(await post(server.url, big), 413, 'PAYLOAD_TOO_LARGE');
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
  });

  it('answers 415 to a body that is not JSON by its type, 404 elsewhere', async () => {
    await expectError(await post(server.url, 'op=encode', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await fetch(`${server.url}/predict`), 404, 'NOT_FOUND');
  });

  it('answers 504 TIMEOUT past the time limit, then serves the next request', async () => {
    const hurried = await startInferenceServer({ port: 0, model, timeoutMs: 30 });
    try {
      const res = await post(hurried.url, { op: 'step', tokens: [scene.tokens], actions: [0, 1, 2, 3, 4, 5, 6, 7], seed: 1 });
      expect(await expectError(res, 504, 'TIMEOUT')).toMatch(/30 ms/);
      expect((await fetch(`${hurried.url}/ping`)).status).toBe(200);
    } finally {
      await hurried.close();
    }
  });

  it('computes one request at a time and answers 429 BUSY when the queue is full', async () => {
    const single = await startInferenceServer({ port: 0, model, timeoutMs: 60_000, queueLimit: 0 });
    try {
      const step = { op: 'step', tokens: [scene.tokens], actions: [0, 1, 2, 3], seed: 1, steps: 2 };
      const first = post(single.url, step);
      await new Promise((r) => setTimeout(r, 20)); // let the first one start
      await expectError(await post(single.url, step), 429, 'BUSY');
      expect((await first).status).toBe(200);
      expect((await post(single.url, step)).status).toBe(200); // the slot is free again
    } finally {
      await single.close();
    }
  });
});

describe('the inference server without artifacts', () => {
  it('answers /ping and /invocations with 503 NOT_READY saying what is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-artifacts-'));
    const server = await startInferenceServer({ port: 0, runtime: { dir: empty, ep: 'cpu', threads: 1 } });
    try {
      await expect(server.ready).rejects.toThrow(/is missing/);
      expect(await expectError(await fetch(`${server.url}/ping`), 503, 'NOT_READY')).toMatch(/failed to load: .*is missing/);
      const body = { op: 'step', tokens: [Array(256).fill(0)], actions: [1], seed: 1 };
      await expectError(await post(server.url, body), 503, 'NOT_READY');
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
