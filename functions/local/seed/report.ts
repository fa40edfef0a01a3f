import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SeedSeries } from './catalog';
import { filterValue, findFonts, runFfmpeg } from './ffmpeg';

/**
 * The demo dramas' cost report (成本配置比例情况报告), which a paid drama needs before it goes on sale:
 * a one-page PNG stating what it is, so the console and WeChat's platform-tier review have a file.
 */
export async function renderReport(series: SeedSeries, outFile: string): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'drama-seed-report-'));
  try {
    const lines = [`《${series.title}》`, '成本配置比例情况报告', '（演示用，非真实报告）'];
    const font = filterValue(findFonts().sans);
    const filters: string[] = [];
    for (const [i, line] of lines.entries()) {
      const file = path.join(work, `line${i}.txt`);
      await writeFile(file, line, 'utf8');
      filters.push(`drawtext=fontfile=${font}:textfile=${filterValue(file)}:expansion=none:fontsize=${i === 0 ? 40 : 30}:fontcolor=0x222222:x=(w-tw)/2:y=${120 + i * 70}`);
    }
    await mkdir(path.dirname(outFile), { recursive: true });
    const part = `${outFile}.part.png`;
    await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'color=c=white:s=600x400', '-vf', filters.join(','), '-frames:v', '1', part]);
    await rename(part, outFile);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
