import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { contractRoutes, routeParamNames, routePath, type ContractRoute } from '@drama/shared/routes';
import { valid } from './zod-arbitrary';

/** Every contract route, read from the one table (shared/src/routes.ts) when the suite runs. */
export const allRoutes = (): readonly ContractRoute[] => contractRoutes;

export const routeName = (r: Pick<ContractRoute, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** One schema-valid sample of a route's path parameters (fixed seed: reproducible), with overrides. */
export function sampleParams(route: ContractRoute, overrides: Record<string, string> = {}, seed = 7): Record<string, string> {
  const names = routeParamNames(route);
  const sample = route.params ? (fc.sample(valid(route.params), { numRuns: 1, seed })[0] as Record<string, string>) : {};
  return Object.fromEntries(names.map((n) => [n, overrides[n] ?? String(sample[n] ?? 'x')]));
}

export function sampleBody(route: ContractRoute, seed = 7): unknown {
  return route.body ? fc.sample(valid(route.body), { numRuns: 1, seed })[0] : undefined;
}

export function samplePath(route: ContractRoute, overrides: Record<string, string> = {}): string {
  return routePath(route, sampleParams(route, overrides));
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** HS256 compact JWS in the session token's layout, with any claims and any key. */
export function craftToken(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${b64url(createHmac('sha256', secret).update(body).digest())}`;
}

/**
 * Authorization headers that must never be accepted: none, expired, forged in several ways, and
 * malformed. `secret` is the stack's real token secret (expired tokens are otherwise genuine).
 */
export function badCredentials(secret: string, userId: string, operatorSecret?: string): Array<{ name: string; headers: Record<string, string>; operatorOnly?: boolean }> {
  const now = Math.floor(Date.now() / 1000);
  const valid = craftToken({ sub: userId, iat: now, exp: now + 3600 }, secret);
  const [h, p] = valid.split('.');
  // Operators' tokens are signed with a key derived from the operator secret (domain/auth/operator.ts).
  // These are forgeries only against operator routes: `operator` claims under the viewer key make a
  // genuine viewer token (of a user named "operator"), which viewer routes rightly accept.
  const operatorKey = operatorSecret ? createHmac('sha256', operatorSecret).update('drama operator token v1').digest('hex') : undefined;
  const operatorForgeries = operatorKey
    ? [
        { name: 'expired operator token', operatorOnly: true, headers: { authorization: `Bearer ${craftToken({ sub: 'operator', iat: now - 50_000, exp: now - 60 }, operatorKey)}` } },
        { name: 'operator claims under the viewer key', operatorOnly: true, headers: { authorization: `Bearer ${craftToken({ sub: 'operator', iat: now, exp: now + 3600 }, secret)}` } },
        { name: 'operator claims under the raw operator secret', operatorOnly: true, headers: { authorization: `Bearer ${craftToken({ sub: 'operator', iat: now, exp: now + 3600 }, operatorSecret!)}` } },
      ]
    : [];
  return [
    ...operatorForgeries,
    { name: 'no token', headers: {} },
    { name: 'expired token', headers: { authorization: `Bearer ${craftToken({ sub: userId, iat: now - 7200, exp: now - 60 }, secret)}` } },
    { name: 'token signed with another key', headers: { authorization: `Bearer ${craftToken({ sub: userId, iat: now, exp: now + 3600 }, 'not-the-secret-not-the-secret-00')}` } },
    { name: 'alg none', headers: { authorization: `Bearer ${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.` }},
    { name: 'claims swapped under a valid signature', headers: { authorization: `Bearer ${h}.${b64url(JSON.stringify({ sub: 'u_000000000000000000000000', iat: now, exp: now + 3600 }))}.${valid.split('.')[2]}` } },
    { name: 'garbage token', headers: { authorization: 'Bearer x.y.z' } },
    { name: 'wrong scheme', headers: { authorization: `Basic ${b64url(`${userId}:x`)}` } },
    { name: 'token in another header', headers: { 'x-auth-token': valid, cookie: `token=${valid}` } },
  ];
}
