/**
 * `npm run bench:ingest`: the cost of ingest step 3 (marked HLS) on rendered demo episodes, uncached:
 * wall time per episode, bytes of the four variants per paid minute against the source MP4, and how
 * visible the mark is — PSNR of marked against unmarked luma as embedded (every frame, every
 * variant) and as delivered (variant 0 decoded against the unmarked source encoded with the same x264
 * settings). Writes the README's side-by-side still (unmarked | marked | difference × 32) to
 * docs/forensic-mark.png. Options (env): BENCH_INGEST_EPISODES (3), INGEST_PRESET, INGEST_CRF.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAll, episodePath } from '../../functions/local/seed/cli';
import { seedSeries } from '../../functions/local/seed/catalog';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { encodeMarkedHls } from '../../functions/src/adapters/ffmpeg-hls';
import { readFrames, runFfmpeg, spawnEncoder } from '../../functions/src/adapters/ffmpeg-process';
import { embedLuma, MarkPattern, psnr, variantFields } from '../../functions/src/domain/forensics/pattern';

const count = Number(process.env.BENCH_INGEST_EPISODES ?? 3);
const secret = 'bench-ingest-secret-not-for-production-0123456789';

async function lumaFrames(file: string, w: number, h: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const f of readFrames(file, ['-f', 'rawvideo', '-pix_fmt', 'yuv420p'], (w * h * 3) / 2)) out.push(new Uint8Array(f.subarray(0, w * h)));
  return out;
}

async function main() {
  const s = stackSettings();
  const series = seedSeries[0];
  const episodes = series.episodes.filter((e) => e.index > series.freeEpisodes).slice(0, count);
  await renderAll({ outDir: s.renderDir, only: [series.id], maxEpisodes: Math.max(...episodes.map((e) => e.index)) });
  const work = mkdtempSync(join(tmpdir(), 'drama-bench-ingest-'));
  try {
    console.log(`bench:ingest — ${episodes.length} paid episodes of ${series.id}, 4 variants, x264 ${process.env.INGEST_PRESET ?? 'veryfast'} CRF ${process.env.INGEST_CRF ?? 26}, 1 s segments`);
    console.log('episode  length   wall s  source KB  variants KB  variants/min MB  PSNR min/mean dB (embedded)  PSNR min/mean dB (delivered)');
    let totalS = 0, totalBytes = 0, totalWall = 0, totalSource = 0;
    for (const e of episodes) {
      const source = episodePath(s.renderDir, series.id, e.index);
      const out = join(work, `ep-${e.index}`);
      const started = Date.now();
      const marked = await encodeMarkedHls(source, out, { secret, seriesId: series.id, episode: e.index });
      const wall = (Date.now() - started) / 1000;
      const bytes = marked.files.flat().reduce((n, f) => n + statSync(f).size, 0);
      const seconds = marked.segmentsS.reduce((a, b) => a + b, 0);

      // As delivered: variant 0 decoded against the unmarked source through the same encoder settings.
      const unmarked = join(work, `unmarked-${e.index}.ts`);
      await runFfmpeg(['-i', source, '-an', '-c:v', 'libx264', '-preset', process.env.INGEST_PRESET ?? 'veryfast', '-crf', String(process.env.INGEST_CRF ?? 26), '-g', String(marked.fps), '-keyint_min', String(marked.fps), '-sc_threshold', '0', '-threads', '1', unmarked]);
      const joined = join(work, `v0-${e.index}.ts`);
      const { writeFileSync, readFileSync } = await import('node:fs');
      writeFileSync(joined, Buffer.concat(marked.files.map((v) => readFileSync(v[0]))));
      const [a, b] = await Promise.all([lumaFrames(joined, marked.width, marked.height), lumaFrames(unmarked, marked.width, marked.height)]);
      const delivered = a.slice(0, b.length).map((f, i) => psnr(f, b[i]));
      console.log(
        `${String(e.index).padStart(7)} ${seconds.toFixed(1).padStart(6)} s ${wall.toFixed(1).padStart(8)} ${(statSync(source).size / 1024).toFixed(0).padStart(10)} ${(bytes / 1024).toFixed(0).padStart(12)} ${((bytes / seconds) * 60 / 1e6).toFixed(2).padStart(16)}` +
          `  ${marked.psnr.min.toFixed(2)} / ${marked.psnr.mean.toFixed(2)}`.padEnd(30) +
          `  ${Math.min(...delivered).toFixed(2)} / ${(delivered.reduce((x, y) => x + y, 0) / delivered.length).toFixed(2)}`,
      );
      totalS += seconds;
      totalBytes += bytes;
      totalWall += wall;
      totalSource += statSync(source).size;
    }
    console.log(`storage per paid minute: ${((totalBytes / totalS) * 60 / 1e6).toFixed(2)} MB of marked variants (${(totalBytes / totalSource).toFixed(1)}× the source MP4s); ingest ${(totalWall / episodes.length).toFixed(1)} s wall per episode (${(totalWall / totalS).toFixed(2)} s per second of video)`);

    // The still: a frame 10 s into the first episode, unmarked | marked (variant 0) | luma difference × 32.
    const source = episodePath(s.renderDir, series.id, episodes[0].index);
    const [w, h, fps] = [540, 960, 24];
    const at = 10 * fps;
    let frame: Buffer | undefined;
    let i = 0;
    for await (const f of readFrames(source, ['-f', 'rawvideo', '-pix_fmt', 'yuv420p'], (w * h * 3) / 2)) if (i++ === at) frame = Buffer.from(f);
    const id = { seriesId: series.id, episode: episodes[0].index, segment: Math.floor(at / fps) };
    const field = variantFields(new MarkPattern(secret, { ...id, which: 0 }).render(w, h), new MarkPattern(secret, { ...id, which: 1 }).render(w, h))[0];
    const unmarkedY = new Uint8Array(frame!.subarray(0, w * h));
    const marked = Buffer.from(frame!);
    embedLuma(unmarkedY, field, marked.subarray(0, w * h));
    const diff = Buffer.alloc(frame!.length, 128);
    for (let p = 0; p < w * h; p++) diff[p] = Math.max(0, Math.min(255, 128 + 32 * (marked[p] - unmarkedY[p])));
    const still = join(rootDir, 'docs', 'forensic-mark.png');
    await mkdir(join(rootDir, 'docs'), { recursive: true });
    const encoder = spawnEncoder(['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${w}x${h}`, '-i', 'pipe:0', '-vf', 'tile=3x1,scale=iw/2:ih/2:flags=area', '-frames:v', '1', still]);
    for (const f of [frame!, marked, diff]) await encoder.write(f);
    await encoder.end();
    console.log(`still at 10 s (unmarked | marked | difference × 32): luma PSNR ${psnr(marked.subarray(0, w * h), unmarkedY).toFixed(2)} dB → docs/forensic-mark.png`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
