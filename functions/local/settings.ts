import { join, resolve } from 'node:path';
import { defaultPorts } from '@drama/shared/config';
import type { CatalogVisibility } from '@drama/shared/going-live';

/** Where the local stack keeps its data and which ports it serves; every value has an env override. */
export interface StackSettings {
  rootDir: string;
  dataDir: string;
  /** Rendered demo media: a cache that survives fresh data directories (tests reuse it). */
  renderDir: string;
  host: string;
  ports: { api: number; apiLambda: number; app: number; sandbox: number; inference: number; dynamodb: number; s3: number; media: number };
  region: string;
  /** Scales the sandbox platform's retry delays (1 = the platforms' real schedules). */
  sandboxTimeScale: number;
  tableName: string;
  mediaBucket: string;
  s3Credentials: { accessKeyId: string; secretAccessKey: string };
  /** Which published series viewers see: `approved` by a platform (as in production), or all (`published`). */
  catalogVisibility: CatalogVisibility;
}

export const rootDir = resolve(__dirname, '..', '..');

// The local stack runs on Node 20 like Lambda's nodejs20.x; silence the AWS SDK's notice about its
// future Node 22 requirement in every process it starts (children inherit the environment).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a TCP port, got ${process.env[name]}`);
  return value;
}

export function stackSettings(overrides: Partial<StackSettings> = {}): StackSettings {
  return {
    rootDir,
    dataDir: resolve(process.env.DATA_DIR ?? join(rootDir, '.data')),
    renderDir: resolve(process.env.RENDER_DIR ?? join(rootDir, '.data', 'render')),
    host: '127.0.0.1',
    ports: {
      api: port('API_PORT', defaultPorts.API),
      apiLambda: port('API_LAMBDA_PORT', 3002),
      app: port('APP_PORT', defaultPorts.APP),
      sandbox: port('SANDBOX_PORT', defaultPorts.SANDBOX),
      inference: port('INFERENCE_PORT', defaultPorts.INFERENCE),
      dynamodb: port('DYNAMODB_PORT', 4567),
      s3: port('S3_PORT', 4568),
      media: port('MEDIA_PORT', 4569),
    },
    region: process.env.AWS_REGION ?? 'ap-northeast-1',
    sandboxTimeScale: Number(process.env.SANDBOX_TIME_SCALE ?? 1),
    tableName: process.env.TABLE_NAME ?? 'drama-local-main',
    mediaBucket: process.env.MEDIA_BUCKET ?? 'drama-local-media',
    // s3rver's built-in key pair; the media gate verifies signatures made with it.
    s3Credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    catalogVisibility: process.env.CATALOG_VISIBILITY === 'published' ? 'published' : 'approved',
    ...overrides,
  };
}

export const url = (s: StackSettings, p: number) => `http://${s.host}:${p}`;
