import { writeFile } from 'node:fs/promises';
import { runFfmpeg } from '../../functions/src/adapters/ffmpeg-process';

/**
 * Simulated leaks, as a pirate makes them: a viewer's segments downloaded through their playlist and
 * joined, then re-encoded smaller, cropped and trimmed (the issue's recipe: 360p, x264 CRF 30, 2 %
 * off each side, the first 3 s cut).
 */

/** The segment URLs of an HLS playlist, in order. */
export const segmentUrls = (playlist: string) => playlist.split('\n').filter((l) => l && !l.startsWith('#'));

/** Downloads segments and joins them into one MPEG-TS file (TS segments concatenate as they are). */
export async function joinSegments(urls: string[], out: string): Promise<string> {
  const parts: Buffer[] = [];
  for (const url of urls) {
    const r = await fetch(url);
    if (r.status !== 200) throw new Error(`segment ${url.split('?')[0]}: ${r.status}`);
    parts.push(Buffer.from(await r.arrayBuffer()));
  }
  await writeFile(out, Buffer.concat(parts));
  return out;
}

export interface Degrade {
  /** Output height (width follows the aspect, even). */
  height: number;
  crf: number;
  /** Fraction cut from each side. */
  crop: number;
  /** Seconds cut from the start. */
  cutS: number;
}

export const issueLeak: Degrade = { height: 640, crf: 30, crop: 0.02, cutS: 3 };

export async function degrade(input: string, out: string, d: Degrade = issueLeak): Promise<string> {
  const keep = 1 - 2 * d.crop;
  await runFfmpeg([
    '-ss', String(d.cutS), '-i', input,
    '-vf', `scale=-2:${d.height},crop=trunc(iw*${keep}/2)*2:trunc(ih*${keep}/2)*2`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(d.crf), '-threads', '1',
    '-c:a', 'aac', '-b:a', '64k', out,
  ]);
  return out;
}
