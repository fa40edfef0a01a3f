import { spawn } from 'node:child_process';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { maxUploadBytes } from '@drama/shared/uploads';
import { sceneFrameSize } from '@drama/shared/scenes';
import type { FrameSource } from '../domain/scenes/scene';
import { BadRequest, NotFound, PayloadTooLarge, UnsupportedMediaType } from '../domain/errors';
import { config } from '../lib/config';
import { s3Media } from './s3-media';

/** Images whose decoded size would exceed this many pixels are refused before decoding. */
export const maxImagePixels = 4096 * 4096;
const frameBytes = sceneFrameSize * sceneFrameSize * 3;

let s3: S3Client | undefined;
function client(): S3Client {
  const c = config();
  s3 ??= new S3Client({ region: c.region, ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  return s3;
}

/** ffmpeg: a Lambda layer in AWS (FFMPEG_PATH), the npm-shipped binary locally. */
export function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  // Resolved at run time from node_modules (kept out of the bundle: it points at its own binary).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@ffmpeg-installer/ffmpeg').path as string;
}

function run(args: string[], input?: Buffer, timeoutMs = 10_000): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let outBytes = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      // A still is 12 KB; anything far bigger means something is wrong: stop reading.
      if (outBytes > frameBytes * 4) child.kill('SIGKILL');
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 8192) err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The still's crop (square, centred) and area resample to the model's frame, as raw RGB on stdout (also how
 *  models/runtime/cut-stills.ts cuts the world model's held-out drama stills). */
export const toFrame = ['-vf', `crop='min(iw,ih)':'min(iw,ih)',scale=${sceneFrameSize}:${sceneFrameSize}:flags=area`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];

function imageKind(head: Buffer): 'png' | 'jpeg' | 'webp' | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

/** Width and height from the image header itself, without decoding pixels. */
function declaredSize(kind: 'png' | 'jpeg' | 'webp', data: Buffer): { width: number; height: number } | null {
  if (kind === 'png') return data.length >= 24 ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) } : null;
  if (kind === 'webp') {
    const chunk = data.subarray(12, 16).toString('latin1');
    if (chunk === 'VP8X' && data.length >= 30) return { width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) };
    if (chunk === 'VP8 ' && data.length >= 30) return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L' && data.length >= 25) {
      const b = data.readUInt32LE(21);
      return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
    }
    return null;
  }
  // JPEG: walk the markers to the first start-of-frame.
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1];
    const length = data.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return null;
}

export const ffmpegFrames: FrameSource = {
  async fromUpload(key) {
    const c = config();
    const head = await client()
      .send(new HeadObjectCommand({ Bucket: c.mediaBucket, Key: key }))
      .catch(() => {
        throw new NotFound('no such upload: PUT the image to the upload URL first');
      });
    if ((head.ContentLength ?? 0) > maxUploadBytes) throw new PayloadTooLarge(`images are limited to ${maxUploadBytes} bytes`);
    const object = await client().send(new GetObjectCommand({ Bucket: c.mediaBucket, Key: key }));
    const data = Buffer.from(await object.Body!.transformToByteArray());
    const kind = imageKind(data);
    if (!kind) throw new UnsupportedMediaType('the upload is not a PNG, JPEG or WebP image');
    const size = declaredSize(kind, data);
    if (!size || size.width < 1 || size.height < 1) throw new BadRequest('the image header is unreadable');
    if (size.width * size.height > maxImagePixels || size.width > 16384 || size.height > 16384) {
      throw new PayloadTooLarge(`the image is ${size.width}×${size.height}: at most ${maxImagePixels} pixels`);
    }
    const result = await run(['-hide_banner', '-loglevel', 'error', '-max_pixels', String(maxImagePixels), '-i', 'pipe:0', ...toFrame], data);
    if (result.code !== 0 || result.stdout.length !== frameBytes) throw new BadRequest('the image could not be decoded');
    return result.stdout;
  },

  async fromEpisode(mediaKey, atS) {
    // ffmpeg reads the private object over a short-lived presigned URL, seeking with Range requests.
    const url = await s3Media.signPlayUrl(mediaKey, 'scene-frame', 60, new Date());
    const result = await run(['-hide_banner', '-loglevel', 'error', '-ss', atS.toFixed(3), '-i', url, ...toFrame], undefined, 15_000);
    if (result.code !== 0 || result.stdout.length !== frameBytes) throw new Error(`cutting a frame failed: ${result.stderr.slice(0, 300)}`);
    return result.stdout;
  },
};
