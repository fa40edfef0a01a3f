import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Forbidden, Unauthorized } from '../errors';
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

/** True for a valid, unexpired operator token. */
export function isOperatorToken(token: string, operatorSecret: string, now: Date): boolean {
  if (!operatorSecret) return false;
  return verifyToken(token, signingKey(operatorSecret), now)?.sub === operatorSubject;
}
