import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PlayOutput } from '@drama/shared/playback';
import { episodePath } from '../../functions/local/seed/cli';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { useStackEnv } from '../support/use-stack-env';
import { apiClient, call } from '../support/http';
import { degrade, joinSegments, segmentUrls } from '../support/leak';
import { buy } from '../support/pay';
import { testHlsEpisode } from '../support/stack-setup';

/**
 * Paid media over HLS with per-viewer marks, through the running stack: a viewer buys the series,
 * plays the paid episode through their own playlist, "leaks" it (segments downloaded and joined,
 * re-encoded at 360p, cropped, trimmed) and the trace names them; and the hostile cases.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const { seriesId, episode } = testHlsEpisode;
const work = mkdtempSync(join(tmpdir(), 'drama-forensics-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Viewer {
  token: string;
  userId: string;
  play: PlayOutput;
  playlist: string;
}

async function buyer(code: string): Promise<Viewer> {
  const { token, user } = await signIn(code);
  await buy(stack.urls, token, { kind: 'series', seriesId });
  const played = await api<PlayOutput>('/play', { body: { seriesId, episode }, token });
  if (played.status !== 200) throw new Error(`play: ${played.status} ${JSON.stringify(played.body)}`);
  const list = await fetch(played.body.url);
  return { token, userId: user.id, play: played.body, playlist: await list.text() };
}

/** `npm run trace -- file` against this stack's data; its last line parsed. */
async function traceCli(file: string) {
  const s = stackSettings();
  const port = (name: string) => String(new URL(stack.urls[name]).port);
  const { stdout } = await promisify(execFile)(process.execPath, [join(rootDir, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(rootDir, 'functions', 'local', 'trace.ts'), file], {
    env: { ...process.env, DATA_DIR: stack.dataDir, RENDER_DIR: s.renderDir, DYNAMODB_PORT: port('DYNAMODB'), S3_PORT: port('S3'), MEDIA_PORT: port('MEDIA'), API_PORT: port('API') },
    timeout: 120_000,
  });
  const lines = stdout.trim().split('\n');
  return { last: JSON.parse(lines[lines.length - 1]), lines };
}

let a: Viewer;
let b: Viewer;
beforeAll(async () => {
  [a, b] = await Promise.all([buyer('forensics-a'), buyer('forensics-b')]);
}, 60_000);

describe('paid episodes over HLS', () => {
  it('serves the paid episode as the viewer\'s own playlist, every segment signed for them; free ones stay MP4', async () => {
    expect(a.play.format).toBe('hls');
    expect(new URL(a.play.url).pathname).toBe(`/playlists/${seriesId}/${episode}/index.m3u8`);
    expect(a.playlist.startsWith('#EXTM3U')).toBe(true);
    expect(a.playlist).toContain('#EXT-X-ENDLIST');
    const urls = segmentUrls(a.playlist);
    expect(urls.length).toBeGreaterThanOrEqual(20);
    for (const url of urls) expect(new URL(url).searchParams.get('x-drama-user')).toBe(a.userId);
    // Two viewers' codewords agree in at most 3 symbols (3 segments each): of the episode's
    // ⌊segments / 3⌋ whole symbols, all but 3 differ, in at least one segment each.
    const bUrls = segmentUrls(b.playlist);
    expect(bUrls).toHaveLength(urls.length);
    expect(urls.filter((u, j) => new URL(u).pathname !== new URL(bUrls[j]).pathname).length).toBeGreaterThanOrEqual(Math.floor(urls.length / 3) - 3);
    const first = await fetch(urls[0]);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('video/mp2t');
    expect(Buffer.from(await first.arrayBuffer())[0]).toBe(0x47); // MPEG-TS sync byte

    const free = await api<PlayOutput>('/play', { body: { seriesId, episode: 1 }, token: a.token });
    expect(free.body.format).toBe('mp4');
  });

  it('refuses another viewer\'s segments, altered playlist links and unsigned segment objects', async () => {
    const aUrls = segmentUrls(a.playlist);
    const bUrls = segmentUrls(b.playlist);
    const j = aUrls.findIndex((u, i) => new URL(u).pathname !== new URL(bUrls[i]).pathname);
    // B asks for A's variant of a segment with B's own signature: the object is not the one signed.
    const swapped = new URL(bUrls[j]);
    swapped.pathname = new URL(aUrls[j]).pathname;
    expect((await fetch(swapped)).status).toBe(403);
    // A's segment URL claimed for B.
    const reassigned = new URL(aUrls[j]);
    reassigned.searchParams.set('x-drama-user', b.userId);
    expect((await fetch(reassigned)).status).toBe(403);
    expect((await fetch(aUrls[j].split('?')[0])).status).toBe(403);
    // A's playlist link handed to B (user swapped) or forged.
    const link = new URL(a.play.url);
    link.searchParams.set('u', b.userId);
    expect((await call(stack.urls.API, `${link.pathname}${link.search}`)).status).toBe(403);
    link.searchParams.set('u', a.userId);
    link.searchParams.set('s', '0'.repeat(64));
    const forged = await call(stack.urls.API, `${link.pathname}${link.search}`);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(stack.urls.API, link.pathname)).status).toBe(400);
  });
});

describe('tracing a leaked copy', () => {
  it('names the buyer of a copy downloaded, joined, re-encoded at 360p, cropped 2 % and cut by 3 s', async () => {
    const joined = await joinSegments(segmentUrls(a.playlist), join(work, 'a.ts'));
    const leak = await degrade(joined, join(work, 'a-leak.mp4'));
    const { last, lines } = await traceCli(leak);
    expect(last).toEqual({ seriesId, episode, userId: a.userId, confidence: expect.any(Number) });
    expect(last.confidence).toBeGreaterThanOrEqual(0.999);
    expect(lines.some((l) => l.startsWith(`matched ${seriesId} episode ${episode}`))).toBe(true);
  });

  it('names no one wrongly when the segments were swapped between two viewers, or the copy is unmarked', async () => {
    const aUrls = segmentUrls(a.playlist);
    const bUrls = segmentUrls(b.playlist);
    const mixed = await joinSegments(aUrls.map((u, j) => (j % 2 === 0 ? u : bUrls[j])), join(work, 'mix.ts'));
    const mixedTrace = await traceCli(await degrade(mixed, join(work, 'mix-leak.mp4')));
    expect([a.userId, b.userId, null]).toContain(mixedTrace.last.userId);

    const source = episodePath(stackSettings().renderDir, seriesId, episode);
    const unmarked = await traceCli(await degrade(source, join(work, 'unmarked-leak.mp4')));
    expect(unmarked.last).toMatchObject({ seriesId, episode, userId: null });
  });
});
