import { apiClient } from '../support/http';
import { readStackInfo } from '../support/stack-setup';

const stack = readStackInfo('integration');
const { api, signIn } = apiClient(stack.urls.API);

describe('POST /uploads', () => {
  it('hands out a presigned PUT bound to the caller, the type and the exact size', async () => {
    const { token, user } = await signIn('uploader');
    const image = Buffer.alloc(2048, 7);
    const created = await api('/uploads', { body: { contentType: 'image/png', bytes: image.length }, token });
    expect(created.status).toBe(200);
    expect(created.body.key).toMatch(new RegExp(`^uploads/${user.id}/`));
    const put = (body: Buffer, contentType = 'image/png') => fetch(created.body.url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
    expect((await put(Buffer.alloc(4096, 1))).status).toBe(403);
    expect((await put(image, 'text/html')).status).toBe(403);
    expect((await put(image)).status).toBe(200);
    expect((await fetch(created.body.url.replace('uploads/', 'media/'), { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(image) })).status).toBe(403);
  });

  it('refuses other types, empty and oversized files with 400', async () => {
    const { token } = await signIn('uploader-2');
    for (const body of [{ contentType: 'image/svg+xml', bytes: 10 }, { contentType: 'image/png', bytes: 0 }, { contentType: 'image/png', bytes: 50 * 1024 * 1024 }, { contentType: 'image/png' }]) {
      const r = await api('/uploads', { body, token });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('BAD_REQUEST');
    }
    expect((await api('/uploads', { body: { contentType: 'image/png', bytes: 10 } })).status).toBe(401);
  });
});
