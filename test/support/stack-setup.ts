import { existsSync, mkdtempSync, writeFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { seedSeries } from '../../functions/local/seed/catalog';
import { startStack, type Stack } from '../../functions/local/stack';
import type { CatalogVisibility } from '@drama/shared/going-live';
import { freeStackPorts } from './free-port';

/** What a suite needs to reach the stack its setup started; written where the tests read it. */
export interface StackInfo {
  urls: Record<string, string>;
  apiEnv: Record<string, string>;
  dataDir: string;
  tableName: string;
  mediaBucket: string;
}

/**
 * Test stacks publish the first episodes of each demo series (enough for free and locked ones),
 * rendered once into RENDER_DIR and reused; suites that need more arrange fixtures.
 */
export const testEpisodes = 6;

/**
 * The one paid episode test stacks ingest into marked HLS (the first series' first paid episode):
 * enough for the play, forensics and player suites, and four variants of one episode is all the
 * encoding a clean CI run pays for (cached in RENDER_DIR after).
 */
export const testHlsEpisode = { seriesId: seedSeries[0].id, episode: seedSeries[0].freeEpisodes + 1 };

/**
 * Where a stack's info is written: beside the jest process that started it (its pid in the name), so
 * two jest runs in one checkout never read each other's stack. Workers inherit the variable.
 */
const infoDir = () => (process.env.DRAMA_STACK_INFO_DIR ??= join(rootDir, '.tmp', `stacks-${process.pid}`));
const infoFile = (name: string) => join(infoDir(), `stack-${name}.json`);

/** Jest loads globalSetup and globalTeardown as separate modules: the running stack is shared on globalThis. */
const holder = globalThis as typeof globalThis & { dramaTestStacks?: Map<string, Stack> };

/**
 * Starts a fresh local stack (new data directory, free ports, shared render cache) for one jest
 * project. `api` and `app` say whether serverless-offline and the H5 server run too.
 */
export async function startTestStack(name: string, opts: { api: boolean; app: boolean; visibility?: CatalogVisibility; publishSweepMs?: number }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `drama-${name}-`));
  const settings = stackSettings({
    dataDir,
    ports: await freeStackPorts(),
    // Suites that arrange their own series straight in the table see them as published ones; the
    // end-to-end suites see only what the platforms approved, as viewers of `npm start` do.
    catalogVisibility: opts.visibility ?? 'published',
  });
  // Tests move fast: platform retries in milliseconds, catalog edits visible within half a second.
  process.env.CATALOG_TTL_MS = '500';
  // Reminders: never quiet (tests run at any hour) and quick retries.
  process.env.REMINDER_QUIET_HOURS = 'none';
  process.env.SEND_RETRY_DELAYS_MS = '20,40,80';
  // The fuzz and access suites try many wrong operator secrets from this one address.
  process.env.OPERATOR_LOGIN_FAILURES = '100000';
  const running = await startStack({ ...settings, sandboxTimeScale: 0.001 }, { seed: { maxEpisodes: testEpisodes, hls: [testHlsEpisode] }, api: opts.api, app: opts.app, publishSweepMs: opts.publishSweepMs });
  (holder.dramaTestStacks ??= new Map()).set(name, running);
  const info: StackInfo = { urls: running.urls, apiEnv: running.apiEnv, dataDir, tableName: settings.tableName, mediaBucket: settings.mediaBucket };
  mkdirSync(infoDir(), { recursive: true });
  writeFileSync(infoFile(name), JSON.stringify(info, null, 2));
}

export async function stopTestStack(name: string): Promise<void> {
  await holder.dramaTestStacks?.get(name)?.stop();
  holder.dramaTestStacks?.delete(name);
  rmSync(infoFile(name), { force: true });
  if (existsSync(infoDir()) && readdirSync(infoDir()).length === 0) rmSync(infoDir(), { recursive: true });
}

export function readStackInfo(name: string): StackInfo {
  return JSON.parse(readFileSync(infoFile(name), 'utf8')) as StackInfo;
}
