import { createHmac } from 'node:crypto';
import { variantsPerSegment } from '../forensics/code';
import type { IngestJob, IngestStep } from './ingest';

/**
 * Ingest step 3: HLS with per-viewer mark variants. The source is encoded into 1 s MPEG-TS segments,
 * each in four variants carrying different marks (forensics/pattern.ts); the segments go to the media
 * bucket under names keyed by the server's secret (a viewer cannot tell a variant's bits from its
 * name, nor name another variant), with the per-frame fingerprints the trace aligns copies with.
 * What the playlist and the trace need is recorded as the episode's HLS layout.
 */

export interface HlsLayout {
  rev: string;
  /** Segment durations (s); every segment has `variants` variants. */
  segmentsS: number[];
  variants: number;
  fps: number;
  frames: number;
  width: number;
  height: number;
  /** The fingerprints object (fingerprint.ts: one row per frame). */
  printsKey: string;
  /** Bytes of all variants together, and the marks' PSNR against the unmarked frames. */
  bytes: number;
  psnr: { min: number; mean: number };
}

/** What the encoder makes of a source (adapters/ffmpeg-hls.ts). */
export interface MarkedHls {
  segmentsS: number[];
  /** files[segment][variant]: a local TS file. */
  files: string[][];
  width: number;
  height: number;
  fps: number;
  frames: number;
  fingerprints: Buffer;
  psnr: { min: number; mean: number };
}

export interface MarkPlan {
  secret: string;
  seriesId: string;
  episode: number;
}

export interface MarkedEncoder {
  encode(source: string, outDir: string, plan: MarkPlan): Promise<MarkedHls>;
}

/** A private folder on local disk for one run, removed afterwards (adapters/scratch-dir.ts). */
export interface Scratch {
  run<T>(work: (file: (name: string) => string) => Promise<T>): Promise<T>;
}

/** The media bucket as the ingest uses it. */
export interface MediaFiles {
  download(key: string, file: string): Promise<void>;
  /** Stores a local file or bytes; returns the bytes stored. */
  upload(key: string, body: string | Buffer, contentType: string): Promise<number>;
}

const prefix = (seriesId: string, episode: number, rev: string) => `media/hls/${seriesId}/${episode}/${rev}`;

/** The object key of one variant of one segment: its name says nothing without the secret. */
export function segmentKey(secret: string, seriesId: string, episode: number, rev: string, segment: number, variant: number): string {
  const tag = createHmac('sha256', secret).update(`segment/${seriesId}/${episode}/${rev}/${segment}/${variant}`).digest('hex').slice(0, 16);
  return `${prefix(seriesId, episode, rev)}/${String(segment).padStart(4, '0')}-${tag}.ts`;
}

export function hlsStep(ports: { files: MediaFiles; encoder: MarkedEncoder; secret: string; scratch: Scratch }): IngestStep {
  return {
    name: 'hls',
    run: (job: IngestJob): Promise<HlsLayout> =>
      ports.scratch.run(async (file) => {
        const source = file('source.mp4');
        await ports.files.download(job.sourceKey, source);
        const marked = await ports.encoder.encode(source, file('hls'), { secret: ports.secret, seriesId: job.seriesId, episode: job.episode });
        let bytes = 0;
        for (const [segment, variants] of marked.files.entries()) {
          if (variants.length !== variantsPerSegment) throw new Error(`segment ${segment} has ${variants.length} variants`);
          for (const [variant, file] of variants.entries()) {
            bytes += await ports.files.upload(segmentKey(ports.secret, job.seriesId, job.episode, job.rev, segment, variant), file, 'video/mp2t');
          }
        }
        const printsKey = `${prefix(job.seriesId, job.episode, job.rev)}/fingerprints.bin`;
        await ports.files.upload(printsKey, marked.fingerprints, 'application/octet-stream');
        return {
          rev: job.rev,
          segmentsS: marked.segmentsS,
          variants: variantsPerSegment,
          fps: marked.fps,
          frames: marked.frames,
          width: marked.width,
          height: marked.height,
          printsKey,
          bytes,
          psnr: { min: Number(marked.psnr.min.toFixed(2)), mean: Number(marked.psnr.mean.toFixed(2)) },
        };
      }),
  };
}
