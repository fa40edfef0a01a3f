import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PreviewCutter } from '../domain/media/preview';

/** ffmpeg: a Lambda layer in AWS (FFMPEG_PATH), the npm-shipped binary locally. */
function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  // Resolved at run time from node_modules (kept out of the bundle: it points at its own binary).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@ffmpeg-installer/ffmpeg').path as string;
}

function ffmpeg(args: string[], timeoutMs = 120_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8192);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** The container's duration as ffmpeg reads it ("Duration: 00:00:15.02"). */
export function durationOf(ffmpegLog: string): number | undefined {
  const m = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(ffmpegLog);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

/**
 * Cuts previews in the media bucket: downloads the episode, copies its first seconds into a new MP4
 * with ffmpeg (`-t`, streams copied: the same encode, nothing past the cut; `+faststart`: the index
 * first, so the player starts at once) and uploads it as its own object. Takes its S3 client so the
 * seed (local clients) and the ingest function (built from config) share it.
 */
export function ffmpegPreviews(s3: () => S3Client, bucket: () => string): PreviewCutter {
  return {
    async cut(sourceKey, targetKey, seconds) {
      const work = await mkdtemp(join(tmpdir(), 'drama-preview-'));
      try {
        const source = join(work, 'source.mp4');
        const target = join(work, 'preview.mp4');
        const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: sourceKey }));
        await pipeline(object.Body as Readable, createWriteStream(source));
        const cut = await ffmpeg(['-loglevel', 'error', '-i', source, '-t', String(seconds), '-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', target]);
        if (cut.code !== 0) throw new Error(`cutting the preview of ${sourceKey} failed: ${cut.stderr.slice(0, 300)}`);
        // `ffmpeg -i` with no output exits 1 by design; its log carries the duration.
        const durationS = durationOf((await ffmpeg(['-i', target])).stderr);
        if (!durationS) throw new Error(`the preview of ${sourceKey} has no duration`);
        await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: targetKey, Body: await readFile(target), ContentType: 'video/mp4' }));
        return { durationS: Math.round(durationS * 100) / 100 };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
