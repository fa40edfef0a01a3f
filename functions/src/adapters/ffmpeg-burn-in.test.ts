import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFonts } from '../../local/seed/ffmpeg';
import { burnLicence } from './ffmpeg-burn-in';

/**
 * The licence burned in by the ingest, read back from decoded frames with OCR (Tesseract, Debian's
 * `tesseract-ocr` and `tesseract-ocr-chi-sim`): present in the opening seconds, gone after them, and
 * the rest of the episode as it was. Once for a file encoded as ours are (only the opening is
 * encoded again) and once for a file that is not (encoded again whole).
 */
const ffmpeg = require('@ffmpeg-installer/ffmpeg').path as string;
const work = mkdtempSync(join(tmpdir(), 'burn-in-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (args: string[]) => {
  const r = spawnSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr}`);
  return r;
};

/** 6 s at 540×960, 24 fps: a dark backdrop with a moving test card below and a tone; `ours`: the episodes' encoder settings. */
function clip(file: string, ours: boolean) {
  const video = ours
    ? ['-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'me=dia:subme=1', '-crf', '30', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '72']
    : ['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '48'];
  run([
    '-f', 'lavfi', '-i', 'color=c=0x283040:s=540x960:r=24:d=6',
    '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=6',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=6',
    '-filter_complex', '[0:v][1:v]overlay=x=110:y=600[v]', '-map', '[v]', '-map', '2:a',
    ...video, '-threads', '1', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file,
  ]);
}

/** The text Tesseract reads in the frame at `atS`, without whitespace. */
function textAt(file: string, atS: number): string {
  const png = join(work, `frame-${Math.random().toString(36).slice(2)}.png`);
  run(['-ss', String(atS), '-i', file, '-frames:v', '1', png]);
  const ocr = spawnSync('tesseract', [png, '-', '-l', 'chi_sim+eng', '--psm', '11'], { encoding: 'utf8' });
  if (ocr.status !== 0) throw new Error(`tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim): ${ocr.stderr ?? ocr.error}`);
  return ocr.stdout.replace(/\s+/g, '');
}

const durationOf = (file: string) => Number(/Duration: (\d+):(\d+):([\d.]+)/.exec(spawnSync(ffmpeg, ['-hide_banner', '-i', file], { encoding: 'utf8' }).stderr)!.slice(1).reduce((s, v, i) => s + Number(v) * [3600, 60, 1][i], 0).toFixed(2));

describe.each([
  ['encoded as our episodes are (the opening re-encoded, the rest copied)', true],
  ['encoded otherwise (encoded again whole)', false],
])('a file %s', (_name, ours) => {
  it('shows the licence in its opening seconds, read back from a decoded frame, and not after them', async () => {
    const source = join(work, `source-${ours}.mp4`);
    const burned = join(work, `burned-${ours}.mp4`);
    clip(source, ours);
    const serial = String(1000 + Math.floor(Math.random() * 9000));
    expect(await burnLicence(source, burned, `(2026)沪剧审字第${serial}号`, { ffmpeg, font: findFonts().sans })).toBe(ours ? 'opening' : 'whole');

    const opening = textAt(burned, 1);
    expect(opening).toContain(serial);
    expect(opening).toContain('剧审字');
    expect(textAt(burned, 5)).not.toContain(serial);
    if (ours) expect(textAt(source, 1)).not.toContain('剧审字');
    // The whole episode is there and decodes without an error.
    expect(durationOf(burned)).toBeCloseTo(durationOf(source), 1);
    expect(spawnSync(ffmpeg, ['-v', 'error', '-i', burned, '-f', 'null', '-'], { encoding: 'utf8' }).stderr).toBe('');
  });
});
