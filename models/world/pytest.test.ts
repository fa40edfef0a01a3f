// `npm test` runs jest only; this runs the Python tests of the world model (shapes, data determinism,
// a smoke training run) with Debian's python, so one command covers both languages.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

it('passes the pytest suite of models/world', () => {
  const run = spawnSync('/usr/bin/python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'models/world/tests'], {
    cwd: ROOT,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
    encoding: 'utf8',
    // ~55 s on the 2 cores alone (a smoke training run and the held-out sets); room for a machine shared with training
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`pytest failed (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  expect(run.stdout).toMatch(/passed/);
}, 310_000);
