import { batchSigner } from './media-url-batch';
import { presignGet, verifyPresignedGet, type Credentials, type MediaLocation } from './media-url';

const credentials: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const local: MediaLocation = { endpoint: 'http://127.0.0.1:4569', bucket: 'drama-local-media', pathStyle: true, region: 'ap-northeast-1' };
const aws: MediaLocation = { endpoint: 'https://drama-prod-media.s3.ap-northeast-1.amazonaws.com', bucket: 'drama-prod-media', pathStyle: false, region: 'ap-northeast-1' };
const now = new Date('2026-12-01T08:30:00Z');

describe('batch segment signer', () => {
  it.each([
    ['path-style (local gate)', local, credentials],
    ['virtual-hosted (S3)', aws, credentials],
    ['with a session token', aws, { ...credentials, sessionToken: 'IQoJb3JpZ2luX2VjE+/token=' }],
  ])('signs exactly what the SDK signer signs: %s', async (_, location, creds) => {
    const key = 'media/hls/the-heiress-returns/4/0a1b2c3d4e5f/0007-9f8e7d6c5b4a3921.ts';
    const sdk = await presignGet({ location, key, userId: 'u_0123456789abcdef01234567', credentials: creds, expiresInS: 300, now });
    const fast = batchSigner(location, creds)(key, 'u_0123456789abcdef01234567', 300, now);
    expect(new URL(fast).pathname).toBe(new URL(sdk).pathname);
    expect(Object.fromEntries(new URL(fast).searchParams)).toEqual(Object.fromEntries(new URL(sdk).searchParams));
  });

  it('makes URLs the gate accepts, and refuses once the user or the key is changed', async () => {
    const sign = batchSigner(local, credentials);
    const url = sign('media/hls/s/1/rev/0000-aaaa.ts', 'u_viewer_a', 300, now);
    const lookup = (id: string) => (id === credentials.accessKeyId ? credentials : undefined);
    expect(await verifyPresignedGet(url, lookup, local.region, now)).toEqual({ ok: true, userId: 'u_viewer_a' });
    const otherUser = new URL(url);
    otherUser.searchParams.set('x-drama-user', 'u_viewer_b');
    expect(await verifyPresignedGet(otherUser.toString(), lookup, local.region, now)).toEqual({ ok: false, reason: 'signature' });
    const otherKey = url.replace('0000-aaaa.ts', '0000-bbbb.ts');
    expect(await verifyPresignedGet(otherKey, lookup, local.region, now)).toEqual({ ok: false, reason: 'signature' });
  });
});
