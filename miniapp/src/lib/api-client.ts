import Taro from '@tarojs/taro';
import { loginOutputSchema, type LoginInput } from '@drama/shared/auth';
import { config } from './config';
import { errorTexts, textForCode } from './error-text';
import { ensureSession, renewSession, type Session } from './session';

/**
 * The one configured API client: base URL, JSON, bearer token, error parsing, retries.
 * Feature fetchers call `apiRequest` with the shared zod schema of the response.
 */

/**
 * Any non-2xx answer (or no answer: status 0, code NETWORK_ERROR). `message` is the viewer's Chinese
 * text for the code (`error-text.ts`), never the server's own; `body` keeps the answer (a 402's offers,
 * the server's message for the developer console).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** What we need of a shared zod schema (miniapp does not depend on zod itself). */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
}

export interface RequestOptions<T> {
  method?: Method;
  data?: unknown;
  schema: Schema<T>;
  /** `required`: log in first; `optional`: send a token if one can be had (catalog routes); `none`. */
  auth?: 'required' | 'optional' | 'none';
  /** A token to send instead of the viewer's session (the console's operator token); no re-login on 401. */
  bearer?: string;
}

/**
 * Requests to a path wait for a promise first (bounded): the launch report holds back the first
 * POST /play, so the server knows the ad click before it sees the watch it must attribute.
 */
const gates = new Map<string, Promise<unknown>>();
export function holdRequests(path: string, until: Promise<unknown>, maxWaitMs = 3000) {
  const bounded = Promise.race([until.catch(() => undefined), new Promise((r) => setTimeout(r, maxWaitMs))]);
  gates.set(path, bounded);
  void bounded.then(() => gates.get(path) === bounded && gates.delete(path));
}

export async function apiRequest<T>(path: string, opts: RequestOptions<T>): Promise<T> {
  const { auth = 'required' } = opts;
  const gate = gates.get(path);
  if (gate) await gate;
  if (opts.bearer) return send(path, opts, { token: opts.bearer, expiresAt: '', userId: '' });
  if (auth === 'none') return send(path, opts, null);

  let session: Session | null;
  try {
    session = await ensureSession(login);
  } catch (err) {
    if (auth === 'required') throw err;
    session = null;
  }
  try {
    return await send(path, opts, session);
  } catch (err) {
    // A stored token can be revoked or rotated server-side: log in again once and retry.
    if (err instanceof ApiError && err.status === 401 && session) {
      return send(path, opts, await renewSession(login));
    }
    throw err;
  }
}

/** The signed-in session (logs in when needed): for pages that show who the user is. */
export const currentSession = () => ensureSession(login);

const login = (input: LoginInput) =>
  send('/auth/login', { method: 'POST', data: input, schema: loginOutputSchema }, null);

async function send<T>(path: string, opts: RequestOptions<T>, session: Session | null): Promise<T> {
  const method = opts.method ?? 'GET';
  const header: Record<string, string> = { 'content-type': 'application/json' };
  if (session) header.Authorization = `Bearer ${session.token}`;

  // GETs are safe to repeat, so a dropped connection gets one more try; writes never do.
  const attempts = method === 'GET' ? 2 : 1;
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer> | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await Taro.request({
        url: `${config.apiUrl}${path}`,
        method,
        data: opts.data as Record<string, unknown> | undefined,
        header,
        dataType: 'json',
        timeout: 15_000,
      });
    } catch (err) {
      if (attempt >= attempts) {
        throw new ApiError(0, 'NETWORK_ERROR', errorTexts.NETWORK_ERROR, { cause: String(errMsg(err)) });
      }
    }
  }

  const body = parseJson(res.data);
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, body);

  const parsed = opts.schema.safeParse(body);
  if (!parsed.success) {
    console.error(`unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(res.statusCode, 'BAD_RESPONSE', errorTexts.BAD_RESPONSE, body);
  }
  return parsed.data;
}

function toApiError(status: number, body: unknown): ApiError {
  const b = body as { code?: unknown; message?: unknown } | null;
  const code = typeof b?.code === 'string' ? b.code : status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  return new ApiError(status, code, textForCode(code), body);
}

/** Some platforms hand back the raw text when the body is not JSON (or content-type is missing). */
function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

const errMsg = (err: unknown) => (err && typeof err === 'object' && 'errMsg' in err ? err.errMsg : err);
