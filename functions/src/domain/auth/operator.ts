import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Forbidden, RateLimited, Unauthorized } from '../errors';
import { issueToken, verifyToken } from './token';

/**
 * Operators: one role, signed in with the operator secret from configuration (SSM in AWS, made once
 * into .data/ locally). Their tokens are signed with a key derived from that secret — never with
 * TOKEN_SECRET — and name the subject `operator`, so a viewer's token cannot pass for an operator's
 * and an operator's cannot pass for a viewer's.
 */
export const operatorSubject = 'operator';
export const operatorTokenTtlS = 12 * 3600;

const signingKey = (operatorSecret: string) => createHmac('sha256', operatorSecret).update('drama operator token v1').digest('hex');
const digest = (value: string) => createHash('sha256').update(value).digest();

export function operatorLogin(secret: string, operatorSecret: string, now: Date): { token: string; expiresAt: string } {
  if (!operatorSecret) throw new Forbidden('no operator secret is configured');
  // Compare digests so the comparison takes the same time whatever the lengths.
  if (!timingSafeEqual(digest(secret), digest(operatorSecret))) throw new Unauthorized('wrong operator secret');
  const { token, expiresAt } = issueToken(operatorSubject, signingKey(operatorSecret), now, operatorTokenTtlS);
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Failed sign-ins counted per source address in fixed windows; one write per failure, none per success. */
export interface AttemptStore {
  failures(source: string, window: number): Promise<number>;
  /** Counts one more failure (the item expires at `expiresAtS`). */
  fail(source: string, window: number, expiresAtS: number): Promise<void>;
}

/** The throttle's window: after `maxFailures` wrong secrets from one address in it, every sign-in from that address waits for the next. */
export const operatorLoginWindowS = 15 * 60;

/** `operatorLogin`, refused with 429 for an address that has tried too many wrong secrets in this window. */
export async function throttledOperatorLogin(
  secret: string,
  operatorSecret: string,
  source: string,
  now: Date,
  attempts: AttemptStore,
  maxFailures: number,
): Promise<{ token: string; expiresAt: string }> {
  const nowS = Math.floor(now.getTime() / 1000);
  const window = Math.floor(nowS / operatorLoginWindowS);
  if ((await attempts.failures(source, window)) >= maxFailures) {
    const waitS = (window + 1) * operatorLoginWindowS - nowS;
    throw new RateLimited(`too many wrong operator secrets from this address: try again in ${Math.ceil(waitS / 60)} min`);
  }
  try {
    return operatorLogin(secret, operatorSecret, now);
  } catch (error) {
    if (error instanceof Unauthorized) await attempts.fail(source, window, (window + 2) * operatorLoginWindowS);
    throw error;
  }
}

/** True for a valid, unexpired operator token. */
export function isOperatorToken(token: string, operatorSecret: string, now: Date): boolean {
  if (!operatorSecret) return false;
  return verifyToken(token, signingKey(operatorSecret), now)?.sub === operatorSubject;
}
