import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StackSettings } from './settings';

/** Newest modification time under `dir`, ignoring build output and dependencies. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the H5 app when there is no build or its sources (or the shared contract) changed since. */
export function ensureH5Build(s: StackSettings): void {
  const index = join(s.rootDir, 'miniapp', 'dist', 'h5', 'index.html');
  const sources = Math.max(newest(join(s.rootDir, 'miniapp', 'src')), newest(join(s.rootDir, 'shared', 'src')), newest(join(s.rootDir, 'miniapp', 'config')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('building the H5 app (miniapp/dist/h5)…');
  // A production build whatever the caller's NODE_ENV (jest sets it to "test", which Taro does not build for).
  const result = spawnSync('npm', ['run', 'build:h5', '--silent'], {
    cwd: s.rootDir,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}\n`);
    throw new Error('the H5 build failed: run `npm run build:h5` to see why');
  }
}
