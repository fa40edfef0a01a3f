import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { frameFingerprint, fingerprintSize } from '../domain/forensics/fingerprint';
import { embedLuma, MarkPattern, psnr, variantFields } from '../domain/forensics/pattern';
import { variantsPerSegment } from '../domain/forensics/code';
import type { MarkedEncoder, MarkedHls, MarkPlan } from '../domain/media/hls';
import { probeVideo, readFrames, spawnEncoder, FfmpegFailed } from './ffmpeg-process';

/**
 * Ingest step 3's ffmpeg work: the source is decoded once; every frame's luma gets the four variants'
 * marks of its segment (pattern.ts) and goes to four x264 encoders, each cutting 1 s MPEG-TS segments
 * (a keyframe at every segment start, so any mix of variants plays as one stream). The source's
 * audio is copied into every variant. Also measured on the way: the marks' PSNR and the per-frame
 * fingerprints the trace aligns copies with.
 */
/** Segment length: 1 s, so a 20 s episode whose first 3 s are cut still holds 17 × 2 bits. */
export const segmentSeconds = 1;

function parsePlaylist(text: string): { durations: number[]; names: string[] } {
  const durations: number[] = [];
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) durations.push(Number(extinf[1]));
    else if (line && !line.startsWith('#')) names.push(line.trim());
  }
  return { durations, names };
}

/** x264 preset and CRF of the variants (INGEST_PRESET, INGEST_CRF): veryfast/26 by default. */
export const ffmpegMarkedEncoder = (options: { preset?: string; crf?: number } = {}): MarkedEncoder => ({
  encode: (source, outDir, plan) => encodeMarkedHls(source, outDir, plan, options),
});

export async function encodeMarkedHls(source: string, outDir: string, plan: MarkPlan, options: { preset?: string; crf?: number } = {}): Promise<MarkedHls> {
  const info = await probeVideo(source);
  const { width, height } = info;
  const fps = Math.round(info.fps);
  const framesPerSegment = fps * segmentSeconds;
  const lumaBytes = width * height;
  const frameBytes = (lumaBytes * 3) / 2;
  const preset = options.preset ?? process.env.INGEST_PRESET ?? 'veryfast';
  const crf = String(options.crf ?? process.env.INGEST_CRF ?? 26);

  const dirs = Array.from({ length: variantsPerSegment }, (_, v) => path.join(outDir, `v${v}`));
  await Promise.all(dirs.map((d) => mkdir(d, { recursive: true })));
  const encoders = dirs.map((dir) =>
    spawnEncoder([
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0',
      '-i', source, '-map', '0:v', ...(info.hasAudio ? ['-map', '1:a', '-c:a', 'copy'] : []),
      '-c:v', 'libx264', '-preset', preset, '-crf', crf, '-pix_fmt', 'yuv420p', '-threads', '1',
      // A keyframe exactly at every segment start: variants of neighbouring segments splice cleanly.
      '-g', String(framesPerSegment), '-keyint_min', String(framesPerSegment), '-sc_threshold', '0',
      '-force_key_frames', `expr:eq(mod(n,${framesPerSegment}),0)`,
      '-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_list_size', '0', '-hls_playlist_type', 'vod',
      '-hls_segment_type', 'mpegts', '-hls_flags', 'independent_segments',
      '-hls_segment_filename', path.join(dir, '%04d.ts'), path.join(dir, 'index.m3u8'),
    ]),
  );

  const fingerprints: Buffer[] = [];
  let fields: Float32Array[] = [];
  let psnrMin = Infinity;
  let psnrSum = 0;
  let frame = 0;
  const marked = Array.from({ length: variantsPerSegment }, () => Buffer.alloc(frameBytes));
  try {
    for await (const raw of readFrames(source, ['-f', 'rawvideo', '-pix_fmt', 'yuv420p'], frameBytes)) {
      const segment = Math.floor(frame / framesPerSegment);
      if (frame % framesPerSegment === 0) {
        const id = { seriesId: plan.seriesId, episode: plan.episode, segment };
        fields = variantFields(new MarkPattern(plan.secret, { ...id, which: 0 }).render(width, height), new MarkPattern(plan.secret, { ...id, which: 1 }).render(width, height));
      }
      const luma = raw.subarray(0, lumaBytes);
      fingerprints.push(Buffer.from(frameFingerprint(luma, width, height)));
      await Promise.all(
        encoders.map((encoder, v) => {
          const out = marked[v];
          embedLuma(luma, fields[v], out.subarray(0, lumaBytes));
          raw.copy(out, lumaBytes, lumaBytes);
          const p = psnr(out.subarray(0, lumaBytes), luma);
          psnrMin = Math.min(psnrMin, p);
          psnrSum += p;
          return encoder.write(out);
        }),
      );
      frame++;
    }
  } finally {
    await Promise.allSettled(encoders.map((e) => e.end()));
  }
  await Promise.all(encoders.map((e) => e.end()));
  if (frame === 0) throw new FfmpegFailed(`${source} has no video frames`);

  const playlists = await Promise.all(dirs.map(async (d) => parsePlaylist(await readFile(path.join(d, 'index.m3u8'), 'utf8'))));
  const [first] = playlists;
  for (const p of playlists) {
    if (p.durations.length !== first.durations.length || p.durations.some((d, i) => Math.abs(d - first.durations[i]) > 0.01)) {
      throw new FfmpegFailed('the variants were cut into different segments');
    }
  }
  return {
    segmentsS: first.durations,
    files: first.names.map((_, j) => dirs.map((d, v) => path.join(d, playlists[v].names[j]))),
    width,
    height,
    fps,
    frames: frame,
    fingerprints: Buffer.concat(fingerprints, frame * fingerprintSize),
    psnr: { min: psnrMin, mean: psnrSum / (frame * variantsPerSegment) },
  };
}
