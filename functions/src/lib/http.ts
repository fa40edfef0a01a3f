import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { ErrorCode } from '@drama/shared/errors';
import type { ZodType, ZodTypeDef } from 'zod';
import { BadRequest, DomainError, Forbidden, PayloadTooLarge, Unauthorized, UnsupportedMediaType } from '../domain/errors';
import { isOperatorToken, operatorSubject } from '../domain/auth/operator';
import { verifyToken } from '../domain/auth/token';
import { logger, logRequestContext } from './logger';
import { secretsFor } from './secrets';

/** The one table from domain error codes to HTTP statuses. */
const statusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  ENTITLEMENT_REQUIRED: 402,
  INSUFFICIENT_COINS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  CONTENT_REFUSED: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** JSON bodies above this are refused before parsing. */
export const maxBodyBytes = 64 * 1024;

export type Event = APIGatewayProxyEventV2;
export type Result = APIGatewayProxyResultV2 & { statusCode: number; body: string };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export interface Caller {
  userId: string;
  /** Where the viewer signed in (douyin, wechat, sandbox), from the token. */
  platform?: string;
}

type AuthMode = 'required' | 'optional' | 'none' | 'operator';

export interface ParsedRequest<B, P, A extends AuthMode> {
  event: Event;
  body: B;
  params: P;
  caller: A extends 'required' | 'operator' ? Caller : Caller | null;
  requestId: string;
}

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

interface RouteOptions<B, P, A extends AuthMode> {
  /** 'required': 401 without a valid token; 'optional': the caller may be anonymous; 'operator': an operator token only (401, or 403 for a viewer's). */
  auth: A;
  body?: Schema<B>;
  params?: Schema<P>;
}

/** The body exactly as sent (signatures are over these bytes), size-checked. */
export function rawBody(event: Event): string {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw) > maxBodyBytes) throw new PayloadTooLarge(`bodies are limited to ${maxBodyBytes} bytes`);
  return raw;
}

function readJsonBody(event: Event): unknown {
  const raw = rawBody(event);
  if (raw === '') throw new BadRequest('a JSON body is required');
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new UnsupportedMediaType('send the body as application/json');
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequest('the body is not valid JSON');
  }
}

export function header(event: Event, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The bearer token of the request: undefined without an Authorization header, 401 when it is malformed. */
function bearerToken(event: Event): string | undefined {
  const value = header(event, 'authorization');
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
  return match[1];
}

function authenticate(event: Event, tokenSecret: string): Caller | null {
  const token = bearerToken(event);
  if (!token) return null;
  const claims = verifyToken(token, tokenSecret, new Date());
  if (!claims) throw new Unauthorized('the token is invalid or expired: sign in again');
  return { userId: claims.sub, ...(claims.plt ? { platform: claims.plt } : {}) };
}

/** Operator routes: only an operator token passes; a viewer's valid token is told it is not allowed. */
function authenticateOperator(event: Event, keys: { TOKEN_SECRET: string; OPERATOR_SECRET: string }): Caller {
  const token = bearerToken(event);
  if (!token) throw new Unauthorized('operator routes need "Authorization: Bearer <operator token>"');
  const now = new Date();
  if (isOperatorToken(token, keys.OPERATOR_SECRET, now)) return { userId: operatorSubject };
  if (verifyToken(token, keys.TOKEN_SECRET, now)) throw new Forbidden('operators only');
  throw new Unauthorized('the operator token is invalid or expired: sign in again');
}

function parseWith<T>(schema: Schema<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
    throw new BadRequest(`invalid ${what}: ${issues.join('; ')}`, result.error.issues);
  }
  return result.data;
}

/** The query string, parsed with a shared schema (400 BAD_REQUEST when it does not fit). */
export function parseQuery<T>(schema: Schema<T>, event: Event): T {
  return parseWith(schema, event.queryStringParameters ?? {}, 'query');
}

function errorResult(error: unknown, requestId: string): Result {
  if (error instanceof DomainError) {
    const status = statusByCode[error.code];
    const { details: _details, ...extra } = error.extra;
    return json(status, { code: error.code, message: error.message, ...extra });
  }
  logger.error('unhandled error', { requestId, error: error as Error });
  return json(500, { code: 'INTERNAL', message: `internal error (request ${requestId})` });
}

/**
 * Wraps a handler body: authenticates, parses the body and path parameters with the shared schemas,
 * and maps every error to `{code, message}` in one place. Bad input never becomes a 5xx. The keys
 * the route's callers are checked with are declared here, when the handler is defined (its cold
 * start): a route without callers (`auth: 'none'`) reads none of them.
 */
export function route<A extends AuthMode, B = undefined, P = undefined>(
  options: RouteOptions<B, P, A>,
  fn: (req: ParsedRequest<B, P, A>) => Promise<Result>,
): (event: Event, context?: Context) => Promise<Result> {
  const operatorKeys = options.auth === 'operator' ? secretsFor('TOKEN_SECRET', 'OPERATOR_SECRET') : undefined;
  const viewerKeys = options.auth === 'required' || options.auth === 'optional' ? secretsFor('TOKEN_SECRET') : undefined;
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? 'local';
    logRequestContext(context, requestId);
    try {
      const caller = operatorKeys ? authenticateOperator(event, operatorKeys()) : viewerKeys ? authenticate(event, viewerKeys().TOKEN_SECRET) : null;
      if (options.auth === 'required' && !caller) throw new Unauthorized();
      const body = options.body ? parseWith(options.body, readJsonBody(event), 'body') : (undefined as B);
      const params = options.params
        ? parseWith(options.params, event.pathParameters ?? {}, 'path')
        : (undefined as P);
      return await fn({ event, body, params, caller: caller as ParsedRequest<B, P, A>['caller'], requestId });
    } catch (error) {
      return errorResult(error, requestId);
    }
  };
}
