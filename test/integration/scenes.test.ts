import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { sceneOutputSchema, sceneStateSchema } from '@drama/shared/scene-api';
import { sceneActionCount, sceneContextLength } from '@drama/shared/scenes';
import { seedSeries } from '../../functions/local/seed/catalog';
import { eventually } from '../support/eventually';
import { addSeries, putEpisode } from '../support/fixtures';
import { apiClient } from '../support/http';
import { useStackEnv } from '../support/use-stack-env';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../functions/src/adapters/dynamodb';
import { dynamoScenes, packWindow } from '../../functions/src/adapters/dynamodb-scenes';
import { inferenceClient } from '../../functions/src/adapters/inference';
import { precomputeBranches } from '../../functions/src/domain/scenes/scene';
import { handler as precomputeScene } from '../../functions/src/handlers/precompute-scene';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expireItems } from '../../functions/local/expire';

const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);

/** A real PNG (RGB, 8-bit) of the given size, with a gradient so it is not blank. */
function png(width: number, height: number, fill = (x: number, y: number) => [x % 256, y % 256, 128]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) raw.set(fill(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return pngFromParts(width, height, deflateSync(raw));
}

function pngFromParts(width: number, height: number, idat: Buffer): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(token: string, bytes: Buffer, contentType = 'image/png'): Promise<string> {
  const created = await api('/uploads', { body: { contentType, bytes: bytes.length }, token });
  const put = await fetch(created.body.url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return created.body.key;
}

let seriesId: string;
let freeEpisodes: number;
beforeAll(async () => {
  // A seeded series, not the catalog's first: other suites publish series of their own.
  ({ id: seriesId, freeEpisodes } = (await api(`/series/${seedSeries[0].id}`)).body.series);
});

describe('scenes', () => {
  it('plays a scene from a drama frame: named controls, their next frames, precomputed presses, only by its owner', async () => {
    const { token } = await signIn('scene-player');
    const created = await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 2.5 } }, token });
    expect(created.status).toBe(201);
    const scene = sceneOutputSchema.parse(created.body);
    expect(scene).toMatchObject({ sceneId: expect.stringMatching(/^sc_/), step: 0, actions: 8 });
    expect(scene.frame).toMatch(/^data:image\/png;base64,/);
    // the d-pad: the model's named controls, never a stand-still (dynamics.json has them)
    expect(scene.controls.length).toBeGreaterThan(0);
    expect(scene.controls.map((c) => c.name)).not.toContain('noop');
    const { sceneId } = scene;

    // once ready, the poll carries the next frame of every control: the frames the presses will commit
    const ready = sceneStateSchema.parse((await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the first 8-branch batch', 30_000)).body);
    const batch = (await dynamoScenes.get(sceneId))!.pending!.branches;
    expect(ready.next).toEqual(scene.controls.map((c) => ({ action: c.action, frame: batch[c.action].png })));
    const moving = ready.next!.find((n) => n.frame !== scene.frame)!; // a control that moves the picture
    const first = await api(`/scenes/${sceneId}/steps`, { body: { action: moving.action }, token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ step: 1, precomputed: true, frame: moving.frame });
    expect(first.body.frame).not.toBe(scene.frame);

    // with the next batch ready, a press by someone else takes nothing: the owner's press still finds it
    await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the second 8-branch batch', 30_000);
    const intruder = await signIn('scene-intruder');
    expect((await api(`/scenes/${sceneId}/steps`, { body: { action: 1 }, token: intruder.token })).status).toBe(403);
    expect((await api(`/scenes/${sceneId}`, { token: intruder.token })).status).toBe(403);
    const second = await api(`/scenes/${sceneId}/steps`, { body: { action: 1 }, token });
    expect(second.body).toMatchObject({ step: 2, precomputed: true });

    for (const action of [8, -1, 1.5, '2']) expect((await api(`/scenes/${sceneId}/steps`, { body: { action }, token })).status).toBe(400);
    expect((await api('/scenes/sc_000000000000000000000000/steps', { body: { action: 1 }, token })).status).toBe(404);
    expect((await api('/scenes/nope/steps', { body: { action: 1 }, token })).status).toBe(400);
  });

  it('remembers what the view showed: a pan and back is the first frame exactly, and the view stops at its reach', async () => {
    const { token } = await signIn('scene-walker');
    const scene = sceneOutputSchema.parse((await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 3 } }, token })).body);
    const reach = scene.reach!;
    expect(reach).toBeGreaterThanOrEqual(1);
    expect(scene.view).toEqual({ y: 0, x: 0 });
    const named = (name: string) => scene.controls.find((c) => c.name === name)!.action;
    const ready = async () => sceneStateSchema.parse((await eventually(() => api(`/scenes/${scene.sceneId}`, { token }), (r) => r.body.ready === true, 'the batch', 30_000)).body);
    const press = async (name: string) => {
      await ready();
      return api(`/scenes/${scene.sceneId}/steps`, { body: { action: named(name) }, token });
    };

    expect((await press('right')).body).toMatchObject({ step: 1, view: { y: 0, x: 1 } });
    const back = await press('left');
    expect(back.body).toMatchObject({ step: 2, view: { y: 0, x: 0 }, frame: scene.frame }); // not repainted: the still as it was
    for (let k = 1; k <= reach; k++) expect((await press('left')).body.view).toEqual({ y: 0, x: -k });

    const edge = await ready();
    expect(edge).toMatchObject({ reach, view: { y: 0, x: -reach } });
    expect(edge.next!.map((n) => n.action)).not.toContain(named('left')); // no frame is made for the arrow that is off
    expect(edge.next!.map((n) => n.action)).toContain(named('right'));
    const refused = await api(`/scenes/${scene.sceneId}/steps`, { body: { action: named('left') }, token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect((await api(`/scenes/${scene.sceneId}`, { token })).body).toMatchObject({ step: edge.step, view: edge.view });
    expect((await press('right')).body.view).toEqual({ y: 0, x: 1 - reach });
  });

  it('gives different next frames for different actions from one state', async () => {
    const { token } = await signIn('scene-brancher');
    const frames = new Set<string>();
    const { sceneId } = (await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 4 } }, token })).body;
    await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the batch', 30_000);
    frames.add((await api(`/scenes/${sceneId}/steps`, { body: { action: 0 }, token })).body.frame);
    const other = (await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 4 } }, token })).body;
    await eventually(() => api(`/scenes/${other.sceneId}`, { token }), (r) => r.body.ready === true, 'the batch', 30_000);
    frames.add((await api(`/scenes/${other.sceneId}/steps`, { body: { action: 5 }, token })).body.frame);
    expect(frames.size).toBe(2);
  });

  it('keeps a batch job off every state but the one it continues: a late or repeated job changes nothing', async () => {
    // the functions' own store, inference client and batch job, in this process against the same stack
    const ports = { scenes: dynamoScenes, inference: inferenceClient };
    const { token } = await signIn('scene-late-jobs');
    const { sceneId } = (await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 1.5 } }, token })).body;
    await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the first batch', 30_000);
    const before = (await dynamoScenes.get(sceneId))!;
    const taken = before.pending!.branches[2];
    const other = before.pending!.branches.find((b) => JSON.stringify(b.window) !== JSON.stringify(taken.window));
    expect(other).toBeDefined();

    expect((await api(`/scenes/${sceneId}/steps`, { body: { action: 2 }, token })).body).toMatchObject({ step: 1, precomputed: true });
    await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the batch after the press', 30_000);
    const after = (await dynamoScenes.get(sceneId))!;
    expect(after.window).toEqual(taken.window);
    expect(after.pending?.step).toBe(1);

    const job = (step: number, { window, memory }: Pick<typeof after, 'window' | 'memory'>) =>
      precomputeBranches({ sceneId, seed: before.seed, step, window, memory, controls: before.controls }, ports);
    expect(await job(0, before)).toBe(false); // late: the scene has moved on
    expect(await job(1, other!)).toBe(false); // another branch's state at the right step
    expect((await dynamoScenes.get(sceneId))!.pending).toEqual(after.pending);
    expect(await job(1, after)).toBe(true); // a retried job: the same batch again
    expect((await dynamoScenes.get(sceneId))!.pending).toEqual(after.pending);
  });

  it('keeps the scene\'s window through presses and batches, and a batch only on the state it continues', async () => {
    // The store alone, with small frames of 3 tokens: a batch, a press, the next batch, and jobs that come
    // for another branch, too late or twice, at each point of that cycle.
    const sceneId = `sc_${randomBytes(12).toString('hex')}`;
    const owner = 'u_store_cycle';
    const frame = (a: number, step: number) => [a, step, 9];
    const following = (window: number[][], next: number[]) => [...window, next].slice(-sceneContextLength);
    const batch = (step: number, window: number[][]) => ({
      step,
      branches: Array.from({ length: sceneActionCount }, (_, a) => ({ action: a, window: following(window, frame(a, step)), png: `data:image/png;base64,F${step}A${a}`, memory: null })),
    });
    let window = [[1, 2, 3]];
    await dynamoScenes.create({ sceneId, owner, seed: 7, step: 0, window, frame: 'data:image/png;base64,F', controls: [], memory: null, pending: null, createdAt: new Date().toISOString() });
    expect(await dynamoScenes.setPending(sceneId, 0, window, batch(0, window))).toBe(true);

    for (let step = 0; step < 6; step++) {
      const action = (step * 3) % sceneActionCount;
      expect(await dynamoScenes.takePending(sceneId, 'u_someone_else', action)).toBeUndefined();
      const taken = await dynamoScenes.takePending(sceneId, owner, action);
      const next = following(window, frame(action, step));
      expect(taken).toMatchObject({ step: step + 1, window: next, frame: `data:image/png;base64,F${step}A${action}`, pending: null });
      expect(await dynamoScenes.takePending(sceneId, owner, action)).toBeUndefined(); // the batch is gone
      expect((await dynamoScenes.get(sceneId))!.window).toEqual(next);

      const sibling = following(window, frame((action + 1) % sceneActionCount, step));
      expect(await dynamoScenes.setPending(sceneId, step + 1, sibling, batch(step + 1, sibling))).toBe(false); // another branch's state
      expect(await dynamoScenes.setPending(sceneId, step, window, batch(step, window))).toBe(false); // late
      expect(await dynamoScenes.setPending(sceneId, step + 1, next, batch(step + 1, next))).toBe(true);
      expect(await dynamoScenes.setPending(sceneId, step + 1, next, batch(step + 1, next))).toBe(true); // retried: the same batch
      expect(await dynamoScenes.setPending(sceneId, step + 1, sibling, batch(step + 1, sibling))).toBe(false);
      window = next;
      expect(await dynamoScenes.get(sceneId)).toMatchObject({ step: step + 1, window, pending: batch(step + 1, window) });
    }
    expect(window).toHaveLength(sceneContextLength);

    // `advance` (a press that computed its own frame) leaves the same shape behind
    expect(await dynamoScenes.advance(sceneId, 6, { window: following(window, [7, 7, 7]), frame: 'data:image/png;base64,S', memory: null })).toBe(true);
    expect(await dynamoScenes.get(sceneId)).toMatchObject({ step: 7, window: following(window, [7, 7, 7]), pending: null });
  });

  it('reads a batch stored before branches held one frame, and answers a press on it by computing', async () => {
    const sceneId = `sc_${randomBytes(12).toString('hex')}`;
    const window = [[1, 2, 3], [4, 5, 6]];
    const branches = Array.from({ length: sceneActionCount }, (_, a) => ({ action: a, window: packWindow([[4, 5, 6], [a, a, a]]), png: `data:image/png;base64,L${a}` }));
    await documentClient().send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: `SCENE#${sceneId}`, sk: 'SCENE', kind: 'scene', sceneId, owner: 'u_legacy', seed: 1, step: 3, window: packWindow(window), frame: 'data:image/png;base64,L', pending: { step: 3, branches }, createdAt: new Date().toISOString() },
      }),
    );
    expect((await dynamoScenes.get(sceneId))!.pending!.branches[5].window).toEqual([[4, 5, 6], [5, 5, 5]]);
    expect(await dynamoScenes.takePending(sceneId, 'u_legacy', 5)).toBeUndefined(); // no error: stepScene computes the frame
    expect(await dynamoScenes.advance(sceneId, 3, { window: [[4, 5, 6], [5, 5, 5]], frame: 'data:image/png;base64,L5', memory: null })).toBe(true);
    expect(await dynamoScenes.get(sceneId)).toMatchObject({ step: 4, window: [[4, 5, 6], [5, 5, 5]], pending: null });
  });

  it('logs a batch the endpoint refuses instead of throwing: the next press computes its frame', async () => {
    // Thrown from an asynchronous invocation, it would take serverless-offline down (and in AWS be retried
    // a minute later, for nothing). Here the inference server refuses a window of one-token frames.
    const { sceneId } = (await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 2 } }, token: (await signIn('scene-refused-batch')).token })).body;
    await expect(precomputeScene({ sceneId, seed: 1, step: 0, window: [[7]] })).resolves.toEqual({ stored: false });
  });

  it('lives a day: then the table\'s TTL (locally the expiry sweep) removes it', async () => {
    const { token } = await signIn('scene-expiring');
    const { sceneId } = (await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 1 } }, token })).body;
    const env = stack.apiEnv;
    const dynamodb = new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
    try {
      await expireItems(dynamodb, stack.tableName, new Date(Date.now() + 23 * 3600_000));
      expect((await api(`/scenes/${sceneId}`, { token })).status).toBe(200);
      expect(await expireItems(dynamodb, stack.tableName, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
      expect((await api(`/scenes/${sceneId}`, { token })).status).toBe(404);
    } finally {
      dynamodb.destroy();
    }
  });

  it('needs the episode to be watchable for a frame scene', async () => {
    const { token } = await signIn('scene-freeloader');
    const locked = await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: freeEpisodes + 1, atS: 1 } }, token });
    expect(locked.status).toBe(402);
    expect(locked.body.code).toBe('ENTITLEMENT_REQUIRED');
    expect((await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 999 } }, token })).status).toBe(400);
  });

  it('quotes a locked frame as /play quotes the episode: its own coin price', async () => {
    const mediaKey = `media/${seedSeries[0].id}/ep-001.mp4`;
    await addSeries(stack, { id: 'scene-priced', episodes: 3, freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 990, mediaKey });
    await putEpisode(stack, { seriesId: 'scene-priced', index: 2, mediaKey, priceCoins: 77 });
    const { token } = await signIn('scene-priced-viewer');
    const quotes77 = (r: { status: number; body: { offers?: Array<{ kind: string; coins?: number }> } }) => r.status === 402 && Boolean(r.body.offers?.some((o) => o.kind === 'coins' && o.coins === 77));
    const scene = await eventually(() => api('/scenes', { body: { source: { kind: 'frame', seriesId: 'scene-priced', episode: 2, atS: 1 } }, token }), quotes77, 'the scene paywall');
    const played = await eventually(() => api('/play', { body: { seriesId: 'scene-priced', episode: 2 }, token }), quotes77, 'the play paywall');
    expect(scene.body.offers).toEqual(played.body.offers);
  });

  it('starts a scene from an uploaded picture, and refuses non-images, bombs and other users\' uploads', async () => {
    const { token } = await signIn('scene-uploader');
    const key = await upload(token, png(320, 240));
    const scene = await api('/scenes', { body: { source: { kind: 'upload', key } }, token });
    expect(scene.status).toBe(201);

    const notImage = await upload(token, Buffer.from('<html>not an image</html>'.repeat(10)));
    expect((await api('/scenes', { body: { source: { kind: 'upload', key: notImage } }, token })).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    // A tiny file whose header claims 60000×60000 pixels: refused before decoding.
    const bomb = await upload(token, pngFromParts(60000, 60000, deflateSync(Buffer.alloc(1000))));
    const refused = await api('/scenes', { body: { source: { kind: 'upload', key: bomb } }, token });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('PAYLOAD_TOO_LARGE');

    const someoneElse = await signIn('scene-uploader-2');
    expect((await api('/scenes', { body: { source: { kind: 'upload', key } }, token: someoneElse.token })).status).toBe(403);
    // A key not in the shape POST /uploads issues is refused at the edge.
    expect((await api('/scenes', { body: { source: { kind: 'upload', key: `uploads/${'x'}/missing` } }, token })).status).toBe(400);
  });
});
