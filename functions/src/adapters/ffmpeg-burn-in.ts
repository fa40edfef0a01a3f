import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ingest step 1: the licence burned into an episode's opening seconds with ffmpeg's drawtext.
 *
 * Only the opening is re-encoded: the video up to its first keyframe at or after `minSeconds` is
 * encoded again with the text (with our encoder settings), the rest is copied as it is, and the
 * two are joined with the audio untouched. That holds only when the new opening's codec
 * configuration (the avcC box: profile, level, SPS and PPS) is byte-for-byte the source's, which
 * is so for files encoded as ours are (the demo episodes); any other file is encoded again whole,
 * the text shown until the same time. Measured on a 29 s demo episode: 0.4 s of CPU against 2.3 s.
 */
export interface BurnInOptions {
  ffmpeg: string;
  /** A font file with the licence's characters (a CJK face for 备案号). */
  font: string;
  /** The text shows at least this long (until the first keyframe at or after it). */
  minSeconds?: number;
}

/** The encoder settings of our episodes (functions/local/seed/render.ts): an opening re-encoded with them joins the copied rest. */
const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'me=dia:subme=1', '-crf', '30', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-threads', '1'];

function run(ffmpeg: string, args: string[], timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      log = (log + d.toString('utf8')).slice(-64_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(log);
      else reject(new Error(`ffmpeg exited with ${code}: ${log.slice(-2000).trim()}`));
    });
  });
}

/** A file path as a filtergraph option value: escaped for the option parser, then for the graph. */
const escapePath = (path: string) => path.replace(/[\\':]/g, (c) => `\\${c}`).replace(/[\\'[\],;]/g, (c) => `\\${c}`);

/** The licence is read from a file with expansion off: whatever an operator typed is drawn as typed. */
function drawtext(font: string, textFile: string, until?: number): string {
  return [
    `drawtext=fontfile=${escapePath(font)}`,
    `textfile=${escapePath(textFile)}`,
    'expansion=none',
    'fontsize=h*0.032',
    'fontcolor=white',
    'box=1',
    'boxcolor=black@0.6',
    'boxborderw=12',
    'x=(w-tw)/2',
    'y=h*0.1',
    ...(until === undefined ? [] : [`enable=lt(t\\,${until})`]),
  ].join(':');
}

/** The avcC box's payload (the decoder configuration), or undefined. */
function avcC(file: Buffer): Buffer | undefined {
  const at = file.indexOf('avcC', 0, 'latin1');
  if (at < 4) return undefined;
  const size = file.readUInt32BE(at - 4);
  return file.subarray(at + 4, at - 4 + size);
}

/** The first keyframe at or after `seconds` (decoding keyframes only), and the video's time base. */
async function keyframeAfter(ffmpeg: string, file: string, seconds: number): Promise<{ at?: number; timescale?: string }> {
  const log = await run(ffmpeg, ['-skip_frame', 'nokey', '-i', file, '-an', '-vf', 'showinfo', '-f', 'null', '-']);
  const times = [...log.matchAll(/pts_time:([\d.]+)/g)].map((m) => Number(m[1]));
  return { at: times.find((t) => t >= seconds), timescale: /Video:.*?(\d+) tbn/.exec(log)?.[1] };
}

/** Writes `output`: `input` with `licence` burned into its opening seconds. Says whether only the opening was encoded again. */
export async function burnLicence(input: string, output: string, licence: string, options: BurnInOptions): Promise<'opening' | 'whole'> {
  const min = options.minSeconds ?? 3;
  const work = await mkdtemp(join(tmpdir(), 'drama-burn-in-'));
  try {
    const text = join(work, 'licence.txt');
    await writeFile(text, licence, 'utf8');
    const { at: cut, timescale } = await keyframeAfter(options.ffmpeg, input, min);
    if (cut !== undefined && timescale) {
      const head = join(work, 'head.mp4');
      const tail = join(work, 'tail.mp4');
      await run(options.ffmpeg, ['-y', '-i', input, '-t', String(cut), '-an', '-vf', drawtext(options.font, text), ...x264, '-video_track_timescale', timescale, head]);
      const [source, opening] = await Promise.all([readFile(input), readFile(head)]);
      const config = avcC(opening);
      if (config && avcC(source)?.equals(config)) {
        await run(options.ffmpeg, ['-y', '-ss', String(cut), '-i', input, '-an', '-c:v', 'copy', '-video_track_timescale', timescale, tail]);
        const list = join(work, 'list.txt');
        await writeFile(list, `file '${head}'\nfile '${tail}'\n`);
        await run(options.ffmpeg, ['-y', '-f', 'concat', '-safe', '0', '-i', list, '-i', input, '-map', '0:v', '-map', '1:a?', '-c', 'copy', '-movflags', '+faststart', output]);
        return 'opening';
      }
    }
    await run(options.ffmpeg, ['-y', '-i', input, '-vf', drawtext(options.font, text, cut ?? min), ...x264, '-c:a', 'copy', '-movflags', '+faststart', output]);
    return 'whole';
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
