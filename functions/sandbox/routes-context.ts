import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxIdentity } from './keys';
import type { deliveryQueue } from './payments';
import type { SandboxState } from './state';

/** What the sandbox's route modules share with its server (server.ts builds it once). */
export interface RouteContext {
  identity: SandboxIdentity;
  state: SandboxState;
  save: () => void;
  queue: ReturnType<typeof deliveryQueue>;
  /** Where the API takes the platforms' callbacks and pushes. */
  apiUrl: string;
  /** The sandbox's own address (links it hands out point here). */
  selfUrl: string;
  /** Multiplies every delay (review time, retries): 1 in `npm start`, small in tests. */
  timeScale: number;
  /** Which platform issued an access token (undefined: none did). */
  tokenPlatform(token: string | null | undefined): 'douyin' | 'wechat' | undefined;
  readJson(req: IncomingMessage): Promise<Record<string, unknown>>;
  readBytes(req: IncomingMessage, limit: number): Promise<Buffer>;
  send(res: ServerResponse, status: number, body: unknown): void;
}

export type Route = (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>;

/** How long the sandbox's reviewers take before deciding (scaled by timeScale). */
export const reviewDelayMs = 1500;

/** Fetches a URL the way a platform's servers pull a developer's file: the bytes, or why not. */
export async function pull(url: string, limit = 600 * 1024 * 1024): Promise<{ ok: true; bytes: Buffer; type: string } | { ok: false; reason: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status} fetching the file` };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > limit) return { ok: false, reason: 'file too large' };
    return { ok: true, bytes, type: response.headers.get('content-type') ?? '' };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** An MP4 starts with an ftyp box. */
export const isMp4 = (bytes: Buffer) => bytes.length > 12 && bytes.toString('latin1', 4, 8) === 'ftyp';
/** JPEG, PNG or WebP magic bytes. */
export const isImage = (bytes: Buffer) =>
  (bytes[0] === 0xff && bytes[1] === 0xd8) || bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) || bytes.toString('latin1', 8, 12) === 'WEBP';
