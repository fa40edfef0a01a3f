import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens: compact JWS (HS256) with `sub` (user id), `iat`, `exp` and `plt` (the platform the
 * viewer signed in on: where /play answers with that platform's media). Stateless, so every function
 * verifies them without a read; the secret comes from configuration.
 */
export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
  plt?: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function issueToken(userId: string, secret: string, now: Date, ttlS: number, platform?: string): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = { sub: userId, iat, exp: iat + ttlS, ...(platform ? { plt: platform } : {}) };
  const body = `${header}.${b64url(JSON.stringify(claims))}`;
  return { token: `${body}.${b64url(sign(body, secret))}`, expiresAt: new Date(claims.exp * 1000) };
}

/** The claims of a valid, unexpired token, or null for anything else (never throws on garbage). */
export function verifyToken(token: string, secret: string, now: Date): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return null;
  // Compared as text with the one canonical encoding: Node's base64url decoder skips padding and
  // characters outside the alphabet, so decoding first would let `token + "="` verify.
  const expected = Buffer.from(b64url(sign(`${parts[0]}.${parts[1]}`, secret)));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = claims as Partial<TokenClaims>;
  if (typeof c.sub !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number' || (c.plt !== undefined && typeof c.plt !== 'string')) return null;
  if (c.exp * 1000 <= now.getTime()) return null;
  return c as TokenClaims;
}
