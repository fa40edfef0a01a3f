import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * S3 presigned GET URLs (SigV4, query-string auth), bound to one viewer: the viewer's id rides in a
 * signed query parameter (`x-drama-user`), so a URL that is shared or altered no longer verifies and
 * a leaked one is traceable to its account. S3 ignores parameters it does not know but still checks
 * them in the signature. The same function signs in AWS and locally; locally `verifyPresignedGet`
 * checks what s3rver does not.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface MediaLocation {
  /** e.g. http://127.0.0.1:4569 (path-style) or https://BUCKET.s3.REGION.amazonaws.com (virtual-hosted). */
  endpoint: string;
  bucket: string;
  pathStyle: boolean;
  region: string;
}

export const userParam = 'x-drama-user';

function signer(credentials: Credentials, region: string) {
  return new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function requestFor(url: URL, query: Record<string, string>, method = 'GET', headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { host: url.host, ...headers },
  });
}

function toUrl(request: { path: string; query?: Record<string, unknown> }, base: URL): string {
  const url = new URL(base.toString());
  url.pathname = request.path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) search.set(k, String(v));
  url.search = search.toString();
  return url.toString();
}

interface PresignOptions {
  location: MediaLocation;
  key: string;
  userId: string;
  credentials: Credentials;
  expiresInS: number;
  now: Date;
}

/** Signs `method` on the object's URL for one viewer; `headers` become signed headers. */
async function presign(opts: PresignOptions, method: string, headers: Record<string, string>): Promise<string> {
  const { location, key } = opts;
  const base = new URL(location.endpoint);
  base.pathname = location.pathStyle ? `/${location.bucket}/${encodeKey(key)}` : `/${encodeKey(key)}`;
  const presigned = await signer(opts.credentials, location.region).presign(requestFor(base, { [userParam]: opts.userId }, method, headers), {
    expiresIn: opts.expiresInS,
    signingDate: opts.now,
    unhoistableHeaders: new Set(Object.keys(headers)),
  });
  return toUrl(presigned, base);
}

export function presignGet(opts: PresignOptions): Promise<string> {
  return presign(opts, 'GET', {});
}

/**
 * A presigned PUT for one upload: the content type and exact length are signed headers, so the
 * client cannot send something else or something bigger than it asked for.
 */
export function presignPut(opts: PresignOptions & { contentType: string; bytes: number }): Promise<string> {
  return presign(opts, 'PUT', { 'content-type': opts.contentType, 'content-length': String(opts.bytes) });
}

export type VerifyResult = { ok: true; userId: string } | { ok: false; reason: string };

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : null;
}

/**
 * Re-signs a presigned URL (GET, or PUT with its signed headers) with the same inputs and compares signatures in constant time;
 * refuses unsigned, tampered, foreign-key and expired URLs.
 */
export async function verifyPresigned(
  rawUrl: string,
  lookup: (accessKeyId: string) => Credentials | undefined,
  region: string,
  now: Date,
  request: { method: string; headers: Record<string, string | undefined> } = { method: 'GET', headers: {} },
): Promise<VerifyResult> {
  const url = new URL(rawUrl);
  const q = url.searchParams;
  const signature = q.get('X-Amz-Signature');
  const credential = q.get('X-Amz-Credential');
  const amzDate = q.get('X-Amz-Date');
  const expires = Number(q.get('X-Amz-Expires'));
  if (!signature || !credential || !amzDate || !q.get(userParam)) return { ok: false, reason: 'unsigned' };
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { ok: false, reason: 'algorithm' };
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !Number.isInteger(expires) || expires < 1 || expires > 604800) return { ok: false, reason: 'malformed' };
  if (now.getTime() > signingDate.getTime() + expires * 1000) return { ok: false, reason: 'expired' };
  if (signingDate.getTime() > now.getTime() + 5 * 60_000) return { ok: false, reason: 'not yet valid' };
  const credentials = lookup(credential.split('/')[0]);
  if (!credentials) return { ok: false, reason: 'unknown key' };

  // Everything but the signing parameters is re-signed as given, in the order SigV4 sorts them.
  const query: Record<string, string> = {};
  for (const [k, v] of q) {
    if (!/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/.test(k)) query[k] = v;
  }
  const base = new URL(url.origin);
  base.pathname = url.pathname;
  // The headers the URL says it signed must be present with the values that were signed.
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? 'host').split(';').filter((h) => h !== 'host');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return { ok: false, reason: `missing signed header ${name}` };
    headers[name] = value;
  }
  const resigned = await signer(credentials, region).presign(requestFor(base, query, request.method, headers), {
    expiresIn: expires,
    signingDate,
    unhoistableHeaders: new Set(signedHeaders),
  });
  const expected = Buffer.from(String(resigned.query?.['X-Amz-Signature']), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  return { ok: true, userId: q.get(userParam) as string };
}

export const verifyPresignedGet = (rawUrl: string, lookup: (accessKeyId: string) => Credentials | undefined, region: string, now: Date) =>
  verifyPresigned(rawUrl, lookup, region, now);
