import { createHash } from 'node:crypto';

/**
 * A viewer's user id, derived from the platform and the openid it signed in with, so one platform
 * account always maps to one user. It is part of the contract because the sandbox's inbox is looked
 * up by it (`GET {SANDBOX}/inbox?user={userId}`, API.md) while the platforms themselves know only
 * openids. Server-side only (node:crypto): the app never derives ids.
 */
export function userIdFor(platform: string, openId: string): string {
  return `u_${createHash('sha256').update(`${platform}:${openId}`).digest('hex').slice(0, 24)}`;
}
