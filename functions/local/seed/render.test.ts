// Renders a short episode and a cover with the real ffmpeg, then checks the media the way a player
// would see it (parsed from `ffmpeg -i`, since ffprobe does not ship with @ffmpeg-installer).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedSeries, type SeedEpisode } from './catalog';
import { progressBar } from './cli';
import { probeLog } from './ffmpeg';
import { renderCover, renderEpisode, wrap } from './render';

/** Top-level MP4 box types in file order. */
function topLevelBoxes(buf: Buffer): string[] {
  const types: string[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    let size = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (size === 1) size = Number(buf.readBigUInt64BE(off + 8));
    else if (size === 0) size = buf.length - off;
    types.push(type);
    if (size < 8) break;
    off += size;
  }
  return types;
}

function durationS(log: string): number {
  const m = /Duration: (\d+):(\d+):(\d+\.\d+)/.exec(log);
  if (!m) throw new Error(`no duration in:\n${log}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

describe('seed renderer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'seed-render-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const series = seedSeries[0];
  const episode: SeedEpisode = {
    index: 3,
    title: '测试：短集',
    durationS: 10,
    lines: [
      { text: '顾家订婚宴，满堂宾客。', startS: 2.4, endS: 4.2 },
      { speaker: '顾承泽', text: '林晚，这婚，我退了。', startS: 4.4, endS: 6.2 },
      { speaker: '林晚', text: '二十年前把我丢在雪地里的，也是你吧？100% “真的”：\'引号\'', startS: 6.4, endS: 8.0 },
      { speaker: '陈叔', text: '大小姐。', startS: 8.1, endS: 8.6 },
    ],
  };

  it('renders a vertical H.264/AAC faststart MP4 of exactly the episode length', async () => {
    const out = path.join(dir, 'nested', 'ep-003.mp4');
    await renderEpisode(series, episode, out);

    const log = await probeLog(out);
    const video = log.split('\n').find((l) => /Stream #.*Video:/.test(l)) ?? '';
    const audio = log.split('\n').find((l) => /Stream #.*Audio:/.test(l)) ?? '';
    expect(video).toMatch(/Video: h264 \((High|Main)\)/);
    expect(video).toMatch(/yuv420p/);
    expect(video).toMatch(/540x960/);
    const fps = Number(/([\d.]+) fps/.exec(video)?.[1]);
    expect(fps).toBeGreaterThanOrEqual(24);
    expect(fps).toBeLessThanOrEqual(30);
    expect(audio).toMatch(/Audio: aac/);
    expect(Math.abs(durationS(log) - episode.durationS)).toBeLessThanOrEqual(0.05);

    const bytes = await readFile(out);
    const boxes = topLevelBoxes(bytes);
    expect(boxes).toContain('moov');
    expect(boxes).toContain('mdat');
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect((await stat(out)).size).toBeLessThan(2 * 1024 * 1024);
  }, 180_000);

  it('renders a 540×720 JPEG cover', async () => {
    const out = path.join(dir, 'cover.jpg');
    await renderCover(series, out);
    const bytes = await readFile(out);
    expect(bytes[0]).toBe(0xff);
    expect(bytes[1]).toBe(0xd8);
    const log = await probeLog(out);
    expect(log).toMatch(/Video: mjpeg/);
    expect(log).toMatch(/540x720/);
  }, 120_000);

  it('wraps subtitle lines without losing characters or starting rows with punctuation', () => {
    for (const s of seedSeries) {
      for (const ep of s.episodes) {
        for (const line of ep.lines) {
          const rows = wrap(line.text, 13);
          expect(rows.join('')).toBe(line.text);
          rows.forEach((row, i) => {
            expect([...row].length).toBeLessThanOrEqual(14);
            if (i > 0) expect(row).not.toMatch(/^[，。！？、；：”…]/);
          });
        }
      }
    }
    expect(wrap('大小姐，苏董派我们来接您回家。', 13)).toEqual(['大小姐，', '苏董派我们来接您回家。']);
  });

  it('draws a progress bar', () => {
    expect(progressBar(17, 39, 'the-heiress-returns ep 5', 10)).toBe('[####------] 17/39 the-heiress-returns ep 5');
  });
});
