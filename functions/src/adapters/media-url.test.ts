import { presignGet, verifyPresignedGet, type MediaLocation } from './media-url';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const lookup = (id: string) => (id === credentials.accessKeyId ? credentials : undefined);
const location: MediaLocation = { endpoint: 'http://127.0.0.1:4569', bucket: 'media-bucket', pathStyle: true, region: 'ap-northeast-1' };
const now = new Date('2026-11-25T08:00:00Z');

const sign = (key = 'media/the-heiress/ep-001.mp4', userId = 'u_1', at = now) =>
  presignGet({ location, key, userId, credentials, expiresInS: 300, now: at });

describe('per-viewer presigned media URLs', () => {
  it('verifies what it signed, for the viewer it was signed for', async () => {
    const url = await sign();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4569\/media-bucket\/media\/the-heiress\/ep-001\.mp4\?/);
    expect(await verifyPresignedGet(url, lookup, location.region, now)).toEqual({ ok: true, userId: 'u_1' });
  });

  it('refuses a URL whose viewer, object or signature was changed', async () => {
    const url = await sign();
    const otherUser = url.replace('x-drama-user=u_1', 'x-drama-user=u_2');
    const otherKey = url.replace('ep-001', 'ep-009');
    const sig = new URL(url).searchParams.get('X-Amz-Signature')!;
    const badSig = url.replace(sig, sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')));
    for (const tampered of [otherUser, otherKey, badSig]) {
      expect((await verifyPresignedGet(tampered, lookup, location.region, now)).ok).toBe(false);
    }
  });

  it('refuses unsigned, unknown-key and expired URLs', async () => {
    const url = await sign();
    expect(await verifyPresignedGet('http://127.0.0.1:4569/media-bucket/media/a.mp4', lookup, location.region, now)).toEqual({ ok: false, reason: 'unsigned' });
    expect(await verifyPresignedGet(url, () => undefined, location.region, now)).toEqual({ ok: false, reason: 'unknown key' });
    expect(await verifyPresignedGet(url, lookup, location.region, new Date(now.getTime() + 300_001))).toEqual({ ok: false, reason: 'expired' });
    expect((await verifyPresignedGet(url, lookup, location.region, new Date(now.getTime() + 299_000))).ok).toBe(true);
  });
});

describe('presigned upload URLs', () => {
  it('verify only with the signed content type and length', async () => {
    const url = await (await import('./media-url')).presignPut({ location, key: 'uploads/u_1/a', userId: 'u_1', contentType: 'image/png', bytes: 1234, credentials, expiresInS: 300, now });
    const { verifyPresigned } = await import('./media-url');
    expect(await verifyPresigned(url, lookup, location.region, now, { method: 'PUT', headers: { 'content-type': 'image/png', 'content-length': '1234' } })).toEqual({ ok: true, userId: 'u_1' });
    expect((await verifyPresigned(url, lookup, location.region, now, { method: 'PUT', headers: { 'content-type': 'image/png', 'content-length': '99999' } })).ok).toBe(false);
    expect((await verifyPresigned(url, lookup, location.region, now, { method: 'PUT', headers: { 'content-type': 'text/html', 'content-length': '1234' } })).ok).toBe(false);
    expect((await verifyPresigned(url, lookup, location.region, now, { method: 'GET', headers: {} })).ok).toBe(false);
  });
});
