// `npm run stills:world`: the world model's held-out drama stills, cut from the three seeded dramas as the
// app cuts a scene's first frame. The seed renderer (functions/local/seed) renders each series' first
// EPISODES episodes into RENDER_DIR (default .data/render, the local stack's cache; files already there are
// reused), and ffmpeg cuts STILLS frames of each, evenly spaced between the fade-in and the fade-out, with
// the scene adapter's own crop and area resample (functions/src/adapters/ffmpeg-frames.ts `toFrame`).
// Writes models/world/held_out/drama_stills.png (a grid of 64×64 stills, 12 a row) and drama_stills.json
// (series, title, episode and second of each, in grid order), which models/world/held_out.py reads.
//
//   npm run stills:world            (EPISODES=4 STILLS=6 RENDER_DIR=… to change)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sceneFrameSize } from '@drama/shared/scenes';
import { ffmpegPath, toFrame } from '../../functions/src/adapters/ffmpeg-frames';
import { seedSeries } from '../../functions/local/seed/catalog';
import { episodePath, renderAll } from '../../functions/local/seed/cli';
import { encodePng } from './image';

const episodes = Number(process.env.EPISODES ?? 4);
const perEpisode = Number(process.env.STILLS ?? 6);
const renderDir = resolve(process.env.RENDER_DIR ?? join(__dirname, '..', '..', '.data', 'render'));
const outDir = join(__dirname, '..', 'world', 'held_out');
const COLUMNS = 12;
const FADE_IN_S = 1.2; // the renderer fades in over 0.9 s and out over the last 1.2 s: a viewer plays a scene from a picture
const FADE_OUT_S = 1.4;

function cut(file: string, atS: number): Buffer {
  const run = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-ss', atS.toFixed(3), '-i', file, ...toFrame], { maxBuffer: 1 << 20 });
  const bytes = sceneFrameSize * sceneFrameSize * 3;
  if (run.status !== 0 || run.stdout.length !== bytes) throw new Error(`cutting ${file} at ${atS} s failed: ${run.stderr.toString().slice(0, 300)}`);
  return run.stdout;
}

async function main(): Promise<void> {
  await renderAll({ outDir: renderDir, maxEpisodes: episodes });
  const S = sceneFrameSize;
  const stills: { series: string; title: string; episode: number; atS: number }[] = [];
  const frames: Buffer[] = [];
  for (const series of seedSeries) {
    for (const ep of series.episodes.slice(0, episodes)) {
      for (let k = 0; k < perEpisode; k++) {
        const atS = Number((FADE_IN_S + ((ep.durationS - FADE_IN_S - FADE_OUT_S) * k) / (perEpisode - 1)).toFixed(2));
        frames.push(cut(episodePath(renderDir, series.id, ep.index), atS));
        stills.push({ series: series.id, title: series.title, episode: ep.index, atS });
      }
    }
  }
  const rows = Math.ceil(frames.length / COLUMNS);
  const grid = new Uint8Array(rows * S * COLUMNS * S * 3);
  frames.forEach((frame, i) => {
    const [r, c] = [Math.floor(i / COLUMNS), i % COLUMNS];
    for (let y = 0; y < S; y++) grid.set(frame.subarray(y * S * 3, (y + 1) * S * 3), ((r * S + y) * COLUMNS * S + c * S) * 3);
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'drama_stills.png'), encodePng(grid, COLUMNS * S, rows * S));
  writeFileSync(join(outDir, 'drama_stills.json'), `${JSON.stringify({ command: 'npm run stills:world', episodes, perEpisode, stills }, null, 1)}\n`);
  console.log(`${frames.length} stills of ${seedSeries.length} series → ${outDir}`);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
