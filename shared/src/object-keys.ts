import { z } from 'zod';

/**
 * The one rule for object keys that cross the edge: the media gate's URL paths, viewers' upload
 * keys, scene sources and operators' media and cover keys all pass through `objectKey` before
 * anything is decided on them (public or private, whose upload, which episode).
 *
 * A key is segments of `[A-Za-z0-9._-]` joined by single `/`; no segment is empty or starts with a
 * dot, so there is no `.`, `..` or hidden name. Everything else is refused, never repaired: a `%`
 * left after the one decoding (double encoding), encoded separators, backslashes, NULs, and
 * non-ASCII look-alikes of `/` and `.` (`／`, `∕`, `．`). Every key the server issues is in this
 * alphabet, so the key decided on is exactly the key S3 (or s3rver, which decodes `%2F` and
 * resolves `..`) serves.
 */
export const maxObjectKeyLength = 1024;
const segment = '[A-Za-z0-9_-][A-Za-z0-9._-]*';
const keyPattern = new RegExp(`^${segment}(?:/${segment})*$`);

/** The key itself when it follows the rule, otherwise null. */
export function objectKey(key: string): string | null {
  return key.length <= maxObjectKeyLength && keyPattern.test(key) ? key : null;
}

/** A key as it stands in a URL path: each segment percent-encoded (a no-op for a key that follows the rule). */
export function encodeObjectKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * The key a path-style request names (`/<bucket>/<key>`): decoded once, checked with `objectKey`,
 * and accepted only in its one canonical spelling, so no second spelling of a key can reach the store.
 */
export function objectKeyOfPath(path: string, bucket: string): string | null {
  const prefix = `/${bucket}/`;
  if (!path.startsWith(prefix)) return null;
  const spelled = path.slice(prefix.length);
  let decoded: string;
  try {
    decoded = decodeURIComponent(spelled);
  } catch {
    return null;
  }
  const key = objectKey(decoded);
  return key !== null && encodeObjectKey(key) === spelled ? key : null;
}

/** A key under `prefix/` that follows the rule (zod, for keys in requests; a regex, so the fuzz suite can generate them). */
export function objectKeySchema(prefix: string, max = 256) {
  return z
    .string()
    .max(max)
    .regex(new RegExp(`^${prefix}(?:/${segment})+$`), `keys live under ${prefix}/: segments of A-Z a-z 0-9 . _ - separated by /, none empty or starting with a dot`);
}
