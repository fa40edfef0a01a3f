import { request } from 'node:http';
import { apiClient } from '../support/http';
import { png } from '../support/png';
import { readStackInfo } from '../support/stack-setup';

/**
 * Object keys crossing the edge, against the real s3rver (which decodes `%2F` and resolves `..`
 * itself). The media gate, spoken to with raw request paths (fetch would resolve `..` and `%2e%2e`
 * before sending), must decide public or private on the key s3rver will serve; a scene's upload
 * key must be the very key the caller was issued. The rule itself is property-tested in
 * shared/src/object-keys.test.ts.
 */
const stack = readStackInfo('integration');
const { api, signIn } = apiClient(stack.urls.API);
const media = new URL(stack.urls.MEDIA);

function get(path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: media.hostname, port: media.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the media gate', () => {
  it('never serves a private episode through the public covers/ prefix, however the path is spelled', async () => {
    const { id: seriesId, freeEpisodes } = (await api('/series')).body.items[0];
    const episode = `ep-${String(freeEpisodes + 1).padStart(3, '0')}.mp4`;
    const b = `/${stack.mediaBucket}`;
    // The episode exists and is private: its signed URL plays for an entitled viewer only, its bare URL is refused.
    expect((await get(`${b}/media/${seriesId}/${episode}`)).status).toBe(403);
    const cover = await get(`${b}/covers/${seriesId}.jpg`);
    expect(cover.status).toBe(200);

    const climbs = [
      `${b}/covers/..%2Fmedia%2F${seriesId}%2F${episode}`,
      `${b}/covers/..%2fmedia%2f${seriesId}%2f${episode}`,
      `${b}/covers/%2E%2E%2Fmedia%2F${seriesId}%2F${episode}`,
      `${b}/covers/%2e%2e/media/${seriesId}/${episode}`,
      `${b}/covers/../media/${seriesId}/${episode}`,
      `${b}/covers/./../media/${seriesId}/${episode}`,
      `${b}/covers/..%5Cmedia%5C${seriesId}%5C${episode}`,
      `${b}/covers/..\\media\\${seriesId}\\${episode}`,
      `${b}/covers/%252E%252E%252Fmedia%252F${seriesId}%252F${episode}`,
      `${b}/covers/x%00/..%2F..%2Fmedia%2F${seriesId}%2F${episode}`,
      `${b}/covers/${seriesId}.jpg%2F..%2F..%2Fmedia%2F${seriesId}%2F${episode}`,
      `${b}/covers/%EF%BC%8E%EF%BC%8E%EF%BC%8Fmedia%EF%BC%8F${seriesId}%EF%BC%8F${episode}`,
      `${b}/covers//../media/${seriesId}/${episode}`,
    ];
    const leaks: string[] = [];
    for (const path of climbs) {
      const reply = await get(path);
      if (reply.status < 400 || reply.body.includes(Buffer.from('ftyp'))) leaks.push(`${path}: ${reply.status}, ${reply.body.length} bytes`);
    }
    expect(leaks).toEqual([]);
  });

  it('still serves covers in the open and episodes to the viewer their URL was signed for', async () => {
    const { token } = await signIn('gate-viewer');
    const { id: seriesId } = (await api('/series')).body.items[0];
    const played = await api('/play', { body: { seriesId, episode: 1 }, token });
    expect(played.status).toBe(200);
    const signed = new URL(played.body.url);
    const reply = await get(`${signed.pathname}${signed.search}`);
    expect(reply.status).toBe(200);
    expect(reply.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});

describe('scene sources', () => {
  async function upload(token: string): Promise<string> {
    const image = png(96, 96);
    const created = await api('/uploads', { body: { contentType: 'image/png', bytes: image.length }, token });
    const put = await fetch(created.body.url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(image) });
    expect(put.status).toBe(200);
    return created.body.key;
  }

  it("never starts a scene from another viewer's upload reached by walking out of the caller's folder", async () => {
    const victim = await signIn('keys-victim');
    const attacker = await signIn('keys-attacker');
    const key = await upload(victim.token);
    const id = key.split('/')[2];
    const mine = `uploads/${attacker.user.id}`;
    const walks = [
      `${mine}/../${victim.user.id}/${id}`,
      `${mine}/./../${victim.user.id}/${id}`,
      `${mine}/..%2F${victim.user.id}%2F${id}`,
      `${mine}//../../uploads/${victim.user.id}/${id}`,
      `${mine}/x/../../${victim.user.id}/${id}`,
      `${mine}/..\\${victim.user.id}\\${id}`,
      `${mine}/${id}/../../${victim.user.id}/${id}`,
    ];
    // Refused at the edge (400, not the issued shape) or as not the caller's (403); anything else,
    // a started scene above all, is a finding.
    const answered: string[] = [];
    for (const walk of walks) {
      const reply = await api('/scenes', { body: { source: { kind: 'upload', key: walk } }, token: attacker.token });
      if (!((reply.status === 400 && reply.body.code === 'BAD_REQUEST') || (reply.status === 403 && reply.body.code === 'FORBIDDEN'))) answered.push(`${walk}: ${reply.status} ${reply.body.code ?? ''}`);
    }
    expect(answered).toEqual([]);
    expect((await api('/scenes', { body: { source: { kind: 'upload', key } }, token: attacker.token })).status).toBe(403);
    // The owner still can.
    expect((await api('/scenes', { body: { source: { kind: 'upload', key } }, token: victim.token })).status).toBe(201);
  });
});
