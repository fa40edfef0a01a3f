import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Writable } from 'node:stream';

/**
 * ffmpeg as the ingest and the trace use it: probing a file, reading its frames as raw planes through
 * a pipe, and feeding raw frames to encoders with back-pressure. ffmpeg is a Lambda layer in AWS
 * (FFMPEG_PATH) and the npm-shipped binary locally.
 */
export function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  // Resolved at run time from node_modules (kept out of the bundle: it points at its own binary).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@ffmpeg-installer/ffmpeg').path as string;
}

export class FfmpegFailed extends Error {}

export interface VideoInfo {
  width: number;
  height: number;
  fps: number;
  durationS: number;
  hasAudio: boolean;
}

/** What `ffmpeg -i` says about a file's first video stream (it exits 1 without an output: expected). */
export async function probeVideo(file: string): Promise<VideoInfo> {
  const log = await new Promise<string>((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (d: Buffer) => (text += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const video = /Stream #\S+.*?: Video: (.*)/.exec(log);
  const size = video && /, (\d{2,5})x(\d{2,5})[, ]/.exec(video[1]);
  const fps = video && /([\d.]+) fps/.exec(video[1]);
  const duration = /Duration: (\d+):(\d+):([\d.]+)/.exec(log);
  if (!video || !size || !duration) throw new FfmpegFailed(`not a video ffmpeg can read: ${log.split('\n').slice(-3).join(' ').trim()}`);
  return {
    width: Number(size[1]),
    height: Number(size[2]),
    fps: fps ? Number(fps[1]) : 25,
    durationS: Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
    hasAudio: /Stream #\S+.*?: Audio:/.test(log),
  };
}

/**
 * Decodes `file` and yields raw frames of `frameBytes` each (the caller's `-vf`/`-pix_fmt` decide
 * their layout). The process is killed if the consumer stops early.
 */
export async function* readFrames(file: string, outputArgs: string[], frameBytes: number, inputArgs: string[] = []): AsyncGenerator<Buffer> {
  const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', ...inputArgs, '-i', file, ...outputArgs, 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString('utf8')).slice(-2000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  let pending: Buffer[] = [];
  let have = 0;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      have += chunk.length;
      while (have >= frameBytes) {
        const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        yield all.subarray(0, frameBytes);
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        have = rest.length;
      }
    }
    finished = true;
  } finally {
    if (!finished) child.kill('SIGKILL');
  }
  const code = await exited;
  if (code !== 0) throw new FfmpegFailed(`ffmpeg could not decode ${file}: ${log.trim()}`);
}

/** An ffmpeg process fed raw frames on stdin; `done` resolves when it exits cleanly. */
export interface FrameSink {
  write(frame: Buffer): Promise<void>;
  end(): Promise<void>;
}

export function spawnEncoder(args: string[]): FrameSink {
  const child: ChildProcessWithoutNullStreams = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.resume();
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString('utf8')).slice(-2000)));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new FfmpegFailed(`ffmpeg encoder exited with ${code}: ${log.trim()}`))));
  });
  // A failed encoder rejects `exited` before anyone awaits it; the write or end that follows reports it.
  exited.catch(() => undefined);
  const write = (stream: Writable, data: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (stream.destroyed) return reject(new FfmpegFailed(`ffmpeg encoder stopped: ${log.trim()}`));
      if (stream.write(data)) return resolve();
      const onDrain = () => (cleanup(), resolve());
      const onClose = () => (cleanup(), reject(new FfmpegFailed(`ffmpeg encoder stopped: ${log.trim()}`)));
      const cleanup = () => {
        stream.off('drain', onDrain);
        stream.off('close', onClose);
      };
      stream.on('drain', onDrain);
      stream.on('close', onClose);
    });
  child.stdin.on('error', () => undefined);
  return {
    write: (frame) => write(child.stdin, frame),
    end: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** Runs ffmpeg to completion (no pipes); rejects with the tail of its log. */
export function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log = (log + d.toString('utf8')).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new FfmpegFailed(`ffmpeg exited with ${code}: ${log.trim()}`))));
  });
}
