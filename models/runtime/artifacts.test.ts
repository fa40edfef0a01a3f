/**
 * @jest-environment ./models/runtime/onnx-test-environment.ts
 */
// The runtime refuses artifacts whose JSON and graph disagree, and feeds that do not match the JSON.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { sceneDefaultTemperature } from '@drama/shared/scenes';
import { ArtifactError, defaultArtifactsDir, loadStage, runtimeOptionsFromEnv } from './artifacts';
import { WorldModel } from './world';

describe('loadStage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const copyStage = (edit?: (meta: Record<string, any>) => void) => {
    copyFileSync(join(defaultArtifactsDir, 'tokenizer_decoder.onnx'), join(dir, 'tokenizer_decoder.onnx'));
    const meta = JSON.parse(readFileSync(join(defaultArtifactsDir, 'tokenizer_decoder.json'), 'utf8'));
    edit?.(meta);
    writeFileSync(join(dir, 'tokenizer_decoder.json'), JSON.stringify(meta));
  };
  const opts = () => ({ dir, ep: 'cpu' as const, threads: 1 });

  it('loads a stage whose graph matches its JSON, and checks feeds before running', async () => {
    copyStage();
    const stage = await loadStage('tokenizer_decoder', opts());
    const out = await stage.run({ tokens: new Tensor('int64', new BigInt64Array(2 * 256), [2, 256]) });
    expect([...out.frames.dims]).toEqual([2, 3, 64, 64]);
    await expect(stage.run({ tokens: new Tensor('int64', new BigInt64Array(100), [1, 100]) })).rejects.toThrow(
      'tokenizer_decoder: input tokens has shape [1, 100]; tokenizer_decoder.json declares tokens int64 [B, 256]',
    );
    await expect(stage.run({ tokens: new Tensor('float32', new Float32Array(256), [1, 256]) })).rejects.toThrow(ArtifactError);
  });

  it('refuses a graph whose shapes differ from the JSON', async () => {
    copyStage((meta) => {
      meta.inputs[0].shape = ['B', 1024];
    });
    await expect(loadStage('tokenizer_decoder', opts())).rejects.toThrow(
      'tokenizer_decoder.onnx inputs are {tokens int64 [B, 256]} but tokenizer_decoder.json declares {tokens int64 [B, 1024]}',
    );
  });

  it('refuses a graph whose output names differ from the JSON', async () => {
    copyStage((meta) => {
      meta.outputs[0].name = 'images';
    });
    await expect(loadStage('tokenizer_decoder', opts())).rejects.toThrow(ArtifactError);
  });

  it('says which file is missing', async () => {
    await expect(loadStage('dynamics', opts())).rejects.toThrow(/dynamics\.json is missing/);
    await expect(WorldModel.load(opts())).rejects.toThrow(ArtifactError);
  });
});

/** A private copy of the committed artifacts, for tests that edit their JSON. */
function copyOfArtifacts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
  for (const stage of ['tokenizer_encoder', 'tokenizer_decoder', 'dynamics_context', 'dynamics']) {
    copyFileSync(join(defaultArtifactsDir, `${stage}.onnx`), join(dir, `${stage}.onnx`));
    copyFileSync(join(defaultArtifactsDir, `${stage}.json`), join(dir, `${stage}.json`));
  }
  return dir;
}

describe('WorldModel.load', () => {
  let dir: string;
  beforeEach(() => (dir = copyOfArtifacts()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('samples at the temperature the model was measured with, and refuses artifacts that chose another', async () => {
    const model = await WorldModel.load({ dir, ep: 'cpu', threads: 1 });
    expect(model.config.temperature).toBe(sceneDefaultTemperature);
    const meta = JSON.parse(readFileSync(join(dir, 'dynamics.json'), 'utf8'));
    meta.config.temperature = sceneDefaultTemperature + 0.5;
    writeFileSync(join(dir, 'dynamics.json'), JSON.stringify(meta));
    await expect(WorldModel.load({ dir, ep: 'cpu', threads: 1 })).rejects.toThrow(
      `artifacts have sampling temperature ${sceneDefaultTemperature + 0.5}, shared/src/scenes.ts promises ${sceneDefaultTemperature}`,
    );
  });
});

describe('the named controls', () => {
  let dir: string;
  beforeEach(() => (dir = copyOfArtifacts()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const editControls = (controls: unknown) => {
    const meta = JSON.parse(readFileSync(join(dir, 'dynamics.json'), 'utf8'));
    meta.config.controls = controls;
    writeFileSync(join(dir, 'dynamics.json'), JSON.stringify(meta));
  };

  it('come from dynamics.json: moving names only, each the name the training gave its latent action', async () => {
    const model = await WorldModel.load({ dir, ep: 'cpu', threads: 1 });
    const names = JSON.parse(readFileSync(join(dir, 'dynamics.json'), 'utf8')).config.action_names as string[];
    expect(model.config.controls.length).toBeGreaterThan(0);
    for (const c of model.config.controls) expect(names[c.action]).toBe(c.name);
    expect(model.config.controls.map((c) => c.name)).not.toContain('noop');
  });

  it.each([
    ['missing', undefined],
    ['a stand-still among them', [{ action: 1, name: 'noop' }]],
    ['two of one name', [{ action: 1, name: 'left' }, { action: 2, name: 'left' }]],
    ['an action past the last', [{ action: 8, name: 'up' }]],
  ])('are refused when %s', async (_, controls) => {
    editControls(controls);
    await expect(WorldModel.load({ dir, ep: 'cpu', threads: 1 })).rejects.toThrow(/dynamics\.json config\.controls/);
  });
});

describe('runtimeOptionsFromEnv', () => {
  it('uses the CPU, one thread and models/artifacts by default', () => {
    expect(runtimeOptionsFromEnv({})).toEqual({ dir: defaultArtifactsDir, ep: 'cpu', threads: 1 });
    expect(runtimeOptionsFromEnv({ WORLD_EP: 'cuda', WORLD_THREADS: '2' })).toMatchObject({ ep: 'cuda', threads: 2 });
  });

  it('refuses unknown providers and bad thread counts', () => {
    expect(() => runtimeOptionsFromEnv({ WORLD_EP: 'tpu' })).toThrow(ArtifactError);
    expect(() => runtimeOptionsFromEnv({ WORLD_THREADS: '0' })).toThrow(ArtifactError);
  });
});
