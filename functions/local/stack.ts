import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { buildFunctions } from '../build';
import { ensureAdNetwork } from '../sandbox/ads';
import { ensureSandboxIdentity, type SandboxIdentity } from '../sandbox/keys';
import { startSandbox } from '../sandbox/server';
import { startAppServer } from './app-server';
import { localClients, type LocalClients } from './aws-clients';
import { expireItems } from './expire';
import { startJobs } from './jobs';
import { startMediaGate } from './media-gate';
import { portOpen, startChild, waitUntil, type Child } from './processes';
import { ensureResources } from './resources';
import { startS3 } from './s3-server';
import { publishSeeded } from './publish-seeded';
import { requestOnce } from './request-once';
import { seedIfNeeded, type SeedOptions } from './seed';
import { findFonts } from './seed/ffmpeg';
import { url, type StackSettings } from './settings';

export interface StackOptions {
  seed?: SeedOptions | false;
  /** Serve the H5 build (it must exist: see ensureH5Build in start.ts). */
  app?: boolean;
  /** Run the API through serverless-offline (false: only the services the API needs). */
  api?: boolean;
  /** Run the scheduled functions on short intervals (npm start does; tests call them directly). */
  jobs?: boolean;
  /**
   * Without `jobs`, still run the publish jobs' sweep this often: test stacks publish series whose jobs
   * wait for polls (WeChat's pull tasks) that only the schedule makes.
   */
  publishSweepMs?: number;
  /** Run the world-model inference server (CPU), as the GPU endpoint's local stand-in. */
  inference?: boolean;
  log?: (line: string) => void;
}

export interface Stack {
  settings: StackSettings;
  clients: LocalClients;
  identity: SandboxIdentity;
  /** The environment the functions run with, for in-process handler calls (tests, benchmarks). */
  apiEnv: Record<string, string>;
  urls: Record<string, string>;
  /** The child processes, for fault tests that kill one (`kill -9`) and bring it back. */
  children: Partial<Record<RestartableChild, Child>>;
  /** Starts a stopped or killed child again on the same data and waits until it serves. */
  restart(name: RestartableChild): Promise<void>;
  stop(): Promise<void>;
}

export type RestartableChild = 'dynamodb' | 'api';

/** A secret made once per data directory, so tokens outlive restarts. */
function localSecret(dataDir: string, name = 'token-secret'): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The font the ingest burns licences in: the demo's subtitle font (none found: the ingest reports it). */
function licenceFont(): string {
  try {
    return findFonts().sans;
  } catch {
    return '';
  }
}
export const markSecretOf = (s: StackSettings) => localSecret(s.renderDir, 'mark-secret');

export function apiEnvironment(s: StackSettings, identity: SandboxIdentity): Record<string, string> {
  const ads = ensureAdNetwork(identity.dir);
  const scaled = (ms: number) => String(Math.max(1, Math.round(ms * s.sandboxTimeScale)));
  return {
    STAGE: 'local',
    AWS_REGION: s.region,
    AWS_ACCESS_KEY_ID: s.s3Credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.s3Credentials.secretAccessKey,
    TABLE_NAME: s.tableName,
    MEDIA_BUCKET: s.mediaBucket,
    DYNAMODB_ENDPOINT: url(s, s.ports.dynamodb),
    S3_ENDPOINT: url(s, s.ports.s3),
    MEDIA_PUBLIC_ENDPOINT: url(s, s.ports.media),
    TOKEN_SECRET: localSecret(s.dataDir),
    // Operators sign in to the console with this (cat .data/operator-secret).
    OPERATOR_SECRET: localSecret(s.dataDir, 'operator-secret'),
    // The demo's marked variants are cached in RENDER_DIR: the secret they were made with lives beside them.
    MARK_SECRET: markSecretOf(s),
    // The platforms' real retry pacing, scaled like the sandbox's (milliseconds in tests).
    CONVERSION_RETRY_DELAYS_MS: process.env.CONVERSION_RETRY_DELAYS_MS ?? [60_000, 300_000, 1_800_000, 7_200_000].map((ms) => Math.max(1, Math.round(ms * s.sandboxTimeScale))).join(','),
    // Going live: visibility by review (or all published), publish retries and polls at the sandbox's pace.
    CATALOG_VISIBILITY: s.catalogVisibility,
    PUBLISH_RETRY_DELAYS_MS: process.env.PUBLISH_RETRY_DELAYS_MS ?? [30_000, 120_000, 600_000, 3_600_000].map(scaled).join(','),
    PUBLISH_POLL_MS: process.env.PUBLISH_POLL_MS ?? scaled(2000),
    LICENCE_FONT: licenceFont(),
    // WeChat's membership subscription is offered locally (the sandbox plays it).
    WECHAT_SIGNING: process.env.WECHAT_SIGNING ?? 'on',
    PLATFORM_MODE: 'sandbox',
    SANDBOX_URL: url(s, s.ports.sandbox),
    DOUYIN_APP_ID: identity.douyin.appId,
    DOUYIN_APP_SECRET: identity.douyin.appSecret,
    DOUYIN_MERCHANT_UID: identity.douyin.merchantUid,
    DOUYIN_KEY_VERSION: identity.douyin.keyVersion,
    DOUYIN_PLATFORM_PUBLIC_KEY: identity.douyinPlatformPublicKey,
    DOUYIN_APP_PRIVATE_KEY: identity.douyinAppPrivateKey,
    WECHAT_APP_ID: identity.wechat.appId,
    WECHAT_APP_SECRET: identity.wechat.appSecret,
    WECHAT_OFFER_ID: identity.wechat.offerId,
    WECHAT_APP_KEY: identity.wechat.appKey,
    WECHAT_TOKEN: identity.wechat.token,
    WECHAT_ENCODING_AES_KEY: identity.wechat.encodingAESKey,
    AD_UNIT_ID: ads.adUnitId,
    AD_SECURITY_KEY: ads.securityKey,
    API_PUBLIC_URL: url(s, s.ports.api),
    INFERENCE_URL: url(s, s.ports.inference),
    LAMBDA_ENDPOINT: url(s, s.ports.apiLambda),
    API_PORT: String(s.ports.api),
    API_LAMBDA_PORT: String(s.ports.apiLambda),
  };
}

/**
 * Starts the local stack in dependency order: dynalite and s3rver (persisted under DATA_DIR), the
 * media gate, the sandbox platform, tables and buckets, the demo seed, the API from serverless.yml,
 * and the H5 app. `stop()` stops everything it started, in reverse order.
 */
export async function startStack(s: StackSettings, opts: StackOptions = {}): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const closeServer = (server: Server) => () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  let inferenceReady: Promise<void> = Promise.resolve();
  const children: Stack['children'] = {};
  const ready: Partial<Record<RestartableChild, () => Promise<void>>> = {};
  try {
    mkdirSync(join(s.dataDir, 'dynamodb'), { recursive: true });
    const bin = (pkg: string, file: string) => join(s.rootDir, 'node_modules', pkg, file);

    const dynalite: Child = startChild(
      'dynamodb',
      process.execPath,
      [bin('dynalite', 'cli.js'), '--host', s.host, '--port', String(s.ports.dynamodb), '--path', join(s.dataDir, 'dynamodb')],
      { log: opts.log },
    );
    stops.push(() => dynalite.stop());
    children.dynamodb = dynalite;
    ready.dynamodb = () => waitUntil('dynalite', () => portOpen(s.ports.dynamodb, s.host), { timeoutMs: 15_000, child: dynalite });
    const s3 = await startS3(s);
    stops.push(s3.close);
    await waitUntil('dynalite', () => portOpen(s.ports.dynamodb, s.host), { timeoutMs: 15_000, child: dynalite });

    const gate = await startMediaGate(s);
    stops.push(closeServer(gate));
    const identity = ensureSandboxIdentity(s.dataDir);
    const sandbox = await startSandbox(identity, { port: s.ports.sandbox, host: s.host, apiUrl: url(s, s.ports.api), timeScale: s.sandboxTimeScale });
    stops.push(sandbox.close);

    const clients = localClients(s);
    stops.push(async () => {
      clients.dynamodb.destroy();
      clients.s3.destroy();
    });
    await ensureResources(s, clients);
    const seeded = opts.seed !== false ? await seedIfNeeded(s, clients, { ...opts.seed, markSecret: markSecretOf(s) }) : [];

    const apiEnv = apiEnvironment(s, identity);
    if (opts.inference !== false) {
      const inference = startChild('inference', process.execPath, [bin('tsx', join('dist', 'cli.mjs')), join(s.rootDir, 'models', 'runtime', 'server.ts')], {
        cwd: s.rootDir,
        // Queued requests get room on a busy 2-core CPU; the batches computed ahead of a press run at a
        // lower CPU priority than the API answering presses (in AWS they run on the GPU endpoint).
        env: { INFERENCE_PORT: String(s.ports.inference), INFERENCE_HOST: s.host, INFERENCE_TIMEOUT_MS: '20000', INFERENCE_NICE: process.env.INFERENCE_NICE ?? '10' },
        log: opts.log,
      });
      stops.push(inference.stop);
      // Loading the sessions takes a few seconds; the API starts meanwhile and waits below.
      inferenceReady = waitUntil('inference server', async () => (await fetch(`${url(s, s.ports.inference)}/ping`)).status === 200, { timeoutMs: 120_000, everyMs: 250, child: inference });
    }
    const urls: Record<string, string> = {
      API: url(s, s.ports.api),
      APP: url(s, s.ports.app),
      SANDBOX: url(s, s.ports.sandbox),
      MEDIA: url(s, s.ports.media),
      INFERENCE: url(s, s.ports.inference),
      DYNAMODB: url(s, s.ports.dynamodb),
      S3: url(s, s.ports.s3),
      LAMBDA: url(s, s.ports.apiLambda),
    };

    if (opts.api !== false) {
      await buildFunctions();
      const api = startChild(
        'api',
        process.execPath,
        // the gateway answers uncompressed, as an HTTP API does (http-api-gateway.cjs)
        ['--require', join(s.rootDir, 'functions', 'local', 'http-api-gateway.cjs'), bin('osls', join('bin', 'serverless.js')), 'offline', 'start', '--stage', 'local'],
        { cwd: s.rootDir, env: { ...apiEnv, SLS_TELEMETRY_DISABLED: '1' }, log: opts.log },
      );
      stops.push(() => api.stop());
      children.api = api;
      ready.api = () =>
        // /products, not /series: a catalog listed before the demo dramas went live would stay cached.
        waitUntil('API', async () => (await requestOnce(`${urls.API}/products`, { method: 'GET', timeoutMs: 2000 })).status === 200, { timeoutMs: 90_000, everyMs: 250, child: api });
      await ready.api();
      // The demo dramas go through both platforms' media libraries and review on the first start.
      if (seeded.length) {
        const ms = await publishSeeded({ API: urls.API, LAMBDA: urls.LAMBDA }, apiEnv.OPERATOR_SECRET, seeded, { timeoutMs: 180_000, log: (line) => console.warn(line) });
        opts.log?.(`[seed] the demo dramas went live on both platforms in ${ms} ms`);
      }
      if (!opts.jobs && opts.publishSweepMs) {
        const sweep = startJobs({ lambdaUrl: url(s, s.ports.apiLambda), service: 'drama', stage: 'local', jobs: [{ name: 'syncPlatforms', everyMs: opts.publishSweepMs }], log: opts.log });
        stops.push(async () => sweep.stop());
      }
      if (opts.jobs) {
        const jobs = startJobs({
          lambdaUrl: url(s, s.ports.apiLambda),
          service: 'drama',
          stage: 'local',
          jobs: [
            { name: 'sweepOrders', everyMs: 60_000 },
            { name: 'syncPlatforms', everyMs: 5_000 },
            { name: 'ingestEpisode', everyMs: 10 * 60_000 },
            { name: 'sweepConversions', everyMs: 30_000 },
            { name: 'ingestMedia', everyMs: 60_000 },
            { name: 'renewMemberships', everyMs: 60_000 },
            { name: 'renewWechatSignings', everyMs: 60_000 },
            { name: 'releaseEpisodes', everyMs: 30_000 },
            { name: 'announceNewDramas', everyMs: 60_000 },
            { name: 'remindCheckins', everyMs: 10 * 60_000 },
            { name: 'recommendHome', everyMs: 30 * 60_000 },
            { name: 'computeRankings', everyMs: 60_000, atStart: true },
          ],
          log: opts.log,
        });
        stops.push(async () => jobs.stop());
        // The table's TTL, which dynalite lacks: expired scenes and counters go every ten minutes.
        const expiry = setInterval(() => {
          expireItems(clients.dynamodb, s.tableName).then(
            (n) => n && opts.log?.(`[expire] ${n} expired items removed`),
            (error: Error) => opts.log?.(`[expire] ${error.message}`),
          );
        }, 10 * 60_000);
        stops.push(async () => clearInterval(expiry));
      }
    }

    await inferenceReady;

    if (opts.app) {
      const app = await startAppServer({
        root: join(s.rootDir, 'miniapp', 'dist', 'h5'),
        port: s.ports.app,
        host: s.host,
        runtimeConfig: { apiUrl: urls.API, sandboxUrl: urls.SANDBOX },
      });
      stops.push(closeServer(app));
    }

    const restart = async (name: RestartableChild) => {
      const child = children[name];
      if (!child) throw new Error(`no ${name} in this stack`);
      child.restart();
      await ready[name]!();
    };
    return { settings: s, clients, identity, apiEnv, urls, children, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
