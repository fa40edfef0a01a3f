/** Random identifiers made on the device: the H5 sandbox login code and idempotency keys. */

export function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(buf);
  else for (let i = 0; i < bytes; i++) buf[i] = Math.floor(Math.random() * 256);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A fresh idempotency key for one user intent (API.md: 8–64 of `[A-Za-z0-9_-]`). Make one per tap
 * on 解锁 or 购买 and send the same one again on 重试, so a retried request never debits or orders twice.
 */
export const newRequestId = (tag: string) => `${tag}-${Date.now().toString(36)}-${randomHex(8)}`;
