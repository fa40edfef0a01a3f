import { posix } from 'node:path';
import fc from 'fast-check';
import { coverKeySchema, mediaKeySchema } from './admin';
import { encodeObjectKey, objectKey, objectKeyOfPath } from './object-keys';
import { createSceneInputSchema } from './scene-api';
import { parseUploadKey, uploadKeyFor } from './uploads';

const bucket = 'drama-local-media';
const safe = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,11}$/);
const validKey = fc.array(safe, { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));

/**
 * Pieces a hostile path is made of: names, separators (plain, doubled, encoded, double-encoded,
 * backslashes), dot segments in every spelling, NULs and Unicode look-alikes of `/`, `\` and `.`.
 */
const piece = fc.constantFrom(
  'covers', 'media', 'uploads', 'u_1', 'ep-010.mp4', 'a', '/', '/', '//', '.', '..', '...',
  '%2F', '%2f', '%252F', '%5C', '%5c', '\\', '%00', '\u0000', '%2E', '%2e', '%2E%2E', '%2e%2e', '%252E%252E',
  '／', '∕', '⁄', '＼', '．', '․', '‥', '%EF%BC%8F', '%E2%88%95', '%EF%BC%8E', '%C0%AF', '%', '%zz', '?', '#', ' ',
);
const hostilePath = fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => `/${bucket}/${parts.join('')}`);

/** What s3rver serves for a path: it decodes the whole path and resolves dot segments as a file path. */
function storeResolves(path: string): string | null {
  try {
    return posix.normalize(decodeURIComponent(path).replace(/\\/g, '/'));
  } catch {
    return null;
  }
}

describe('object keys', () => {
  it('keeps every key made of safe segments, in both its text and its URL spelling', () => {
    fc.assert(
      fc.property(validKey, (key) => objectKey(key) === key && objectKeyOfPath(`/${bucket}/${encodeObjectKey(key)}`, bucket) === key),
      { numRuns: 500 },
    );
  });

  it('decides on the key the store serves: whatever a hostile path resolves to, an accepted one resolves to its own key (property)', () => {
    fc.assert(
      fc.property(hostilePath, (path) => {
        const key = objectKeyOfPath(path, bucket);
        if (key === null) return true;
        const segments = key.split('/');
        return (
          storeResolves(path) === `/${bucket}/${key}` &&
          key.normalize('NFKC') === key &&
          // eslint-disable-next-line no-control-regex -- a NUL in the key is what this checks
          !/[%\\\u0000]/.test(key) &&
          segments.every((s) => s !== '' && !s.startsWith('.')) &&
          objectKey(key) === key
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses the review\'s path and every other spelling of a climb out of covers/', () => {
    for (const path of [
      `/${bucket}/covers/..%2Fmedia%2Fs1%2Fep-010.mp4`,
      `/${bucket}/covers/%2E%2E/media/s1/ep-010.mp4`,
      `/${bucket}/covers/../media/s1/ep-010.mp4`,
      `/${bucket}/covers/..%5Cmedia%5Cs1%5Cep-010.mp4`,
      `/${bucket}/covers/..\\media\\s1\\ep-010.mp4`,
      `/${bucket}/covers/%252E%252E%252Fmedia/s1/ep-010.mp4`,
      `/${bucket}/covers//media/s1/ep-010.mp4`,
      `/${bucket}/covers/x.jpg%00/../../media/s1/ep-010.mp4`,
      `/${bucket}/covers/．．／media／s1／ep-010.mp4`,
      `/${bucket}/covers/%EF%BC%8E%EF%BC%8E%EF%BC%8Fmedia/s1/ep-010.mp4`,
      `/${bucket}/covers/./s1.jpg`,
      `/${bucket}/%63overs/s1.jpg`,
    ]) {
      expect([path, objectKeyOfPath(path, bucket)]).toEqual([path, null]);
    }
    expect(objectKeyOfPath(`/${bucket}/covers/s1.jpg`, bucket)).toBe('covers/s1.jpg');
    expect(objectKeyOfPath(`/other/covers/s1.jpg`, bucket)).toBeNull();
  });

  it('reads an upload\'s owner only from the exact shape POST /uploads issues', () => {
    const me = 'u_0123456789abcdef01234567';
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const key = uploadKeyFor(me, id);
    expect(parseUploadKey(key)).toEqual({ userId: me, uploadId: id });
    for (const bad of [`uploads/${me}/../u_99999999999999999999999a/${id}`, `uploads/${me}/${id}/`, `uploads/${me}//${id}`, `uploads/${me}/${id}/x`, ` ${key}`, `uploads/${me}/${id.toUpperCase()}`, `uploads/${me}%2F${id}`]) {
      expect([bad, parseUploadKey(bad)]).toEqual([bad, null]);
      expect(createSceneInputSchema.safeParse({ source: { kind: 'upload', key: bad } }).success).toBe(false);
    }
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), fc.array(piece, { maxLength: 4 }), (before, after) => {
        const candidate = `${before.join('')}${key}${after.join('')}`;
        const parsed = parseUploadKey(candidate);
        return parsed === null || (candidate === key && objectKey(candidate) === candidate);
      }),
    );
  });

  it('holds operators\' media and cover keys to the same rule (property: what the schemas take, objectKey takes)', () => {
    fc.assert(
      fc.property(fc.oneof(validKey.map((k) => `media/${k}`), fc.array(piece, { maxLength: 8 }).map((p) => `media/${p.join('')}`)), (key) => !mediaKeySchema.safeParse(key).success || objectKey(key) === key),
      { numRuns: 2000 },
    );
    expect(mediaKeySchema.safeParse('media/s1/ep-001.mp4').success).toBe(true);
    expect(coverKeySchema.safeParse('covers/s1.jpg').success).toBe(true);
    for (const bad of ['media/../uploads/u_1/x', 'media/./x.mp4', 'media//x.mp4', 'media/x%2F..%2Fy', 'covers/../media/s1/ep-010.mp4', 'media\\x.mp4', 'covers/．．/x']) {
      expect([bad, mediaKeySchema.safeParse(bad).success || coverKeySchema.safeParse(bad).success]).toEqual([bad, false]);
    }
  });
});
