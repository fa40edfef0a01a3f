/**
 * `npm run bench:load`: starts the local stack (API under serverless-offline, dynalite, s3rver, the
 * sandbox platform; no inference server, no H5 app) in this process, then runs the mixed workload of
 * load-client.ts from a second process on loopback at increasing rates until the knee. Bounded:
 * BENCH_LOAD_RATES (req/s per step), BENCH_LOAD_SECONDS (per step), BENCH_LOAD_USERS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { freeStackPorts } from '../support/free-port';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'drama-load-'));
  const settings = stackSettings({ dataDir, ports: await freeStackPorts() });
  // Logs at ERROR: per-request INFO lines would measure the terminal, not the API.
  process.env.LOG_LEVEL = 'ERROR';
  const stack = await startStack(settings, { seed: { maxEpisodes: 6 }, api: true, app: false, inference: false });
  try {
    const client = spawn(process.execPath, [join(rootDir, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'load-client.ts')], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_API_URL: stack.urls.API, BENCH_SANDBOX_URL: stack.urls.SANDBOX },
    });
    const code = await new Promise<number | null>((resolve) => client.on('exit', resolve));
    if (code !== 0) throw new Error(`load client exited with ${code}`);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
