import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { maxMediaBytes } from '@drama/shared/admin';
import { encodeObjectKey, objectKeyOfPath } from '@drama/shared/object-keys';
import { maxSuspectBytes } from '@drama/shared/forensics';
import { maxUploadBytes } from '@drama/shared/uploads';
import { verifyPresigned } from '../src/adapters/media-url';
import type { StackSettings } from './settings';

/**
 * The local stand-in for S3's front door. s3rver checks a presigned URL's expiry but not its
 * signature, so viewers reach media through this gate: it re-signs every media URL with the same
 * code that signed it and refuses unsigned, tampered and expired ones (403), lets the public
 * `covers/` prefix through as the production bucket policy does, fixes suffix ranges (`bytes=-N`,
 * which s3rver answers wrongly) and streams the object from s3rver with Range (206) intact. Presigned
 * PUTs (viewer uploads, under `uploads/` only) are verified with their signed type and length.
 * Every decision is made on the one key `objectKeyOfPath` reads from the path (decoded once, dot
 * segments, encoded separators, backslashes and NULs refused), and s3rver is asked for exactly that
 * key: s3rver itself decodes `%2F` and resolves `..`, so a path tested while still encoded could name
 * a private episode under a public prefix.
 */
export function startMediaGate(s: StackSettings, now: () => Date = () => new Date()): Promise<Server> {
  const lookup = (id: string) => (id === s.s3Credentials.accessKeyId ? s.s3Credentials : undefined);

  const deny = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  };

  const upstream = (method: string, path: string, headers: Record<string, string>, body?: IncomingMessage) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({ host: s.host, port: s.ports.s3, method, path, headers }, resolve);
      req.on('error', reject);
      if (body) body.pipe(req);
      else req.end();
    });

  /** The path of `key` in s3rver: the one spelling the decision was made on. */
  const pathOf = (key: string) => `/${s.mediaBucket}/${encodeObjectKey(key)}`;

  const upload = async (req: IncomingMessage, res: ServerResponse, target: URL, key: string) => {
    // Viewers upload images under uploads/; operators (their URLs come from /admin/uploads) episode
    // media under media/, covers under covers/, cost reports under reports/ and suspect copies to
    // trace under suspects/. The signature covers the length either way.
    const prefix = ['uploads', 'media', 'covers', 'reports', 'suspects'].find((p) => key.startsWith(`${p}/`));
    if (!prefix) return deny(res, 403, 'AccessDenied', 'uploads, media, covers, reports and suspects only');
    const limit = prefix === 'uploads' ? maxUploadBytes : prefix === 'suspects' ? maxSuspectBytes : maxMediaBytes;
    const length = Number(req.headers['content-length']);
    if (!Number.isInteger(length) || length < 1 || length > limit) return deny(res, 413, 'EntityTooLarge', 'bad content-length');
    const headers = { 'content-type': req.headers['content-type'], 'content-length': req.headers['content-length'] };
    const verdict = await verifyPresigned(target.toString(), lookup, s.region, now(), { method: 'PUT', headers });
    if (!verdict.ok) return deny(res, 403, 'AccessDenied', `request refused: ${verdict.reason}`);
    const stored = await upstream('PUT', pathOf(key), { 'content-type': String(headers['content-type']), 'content-length': String(length) }, req);
    stored.resume();
    res.writeHead(stored.statusCode ?? 502, { 'access-control-allow-origin': '*', etag: String(stored.headers.etag ?? '') });
    res.end();
  };

  /** s3rver serves `bytes=-N` wrongly; turn it into an explicit range from the object's size. */
  const fixRange = async (path: string, range: string | undefined): Promise<string | undefined> => {
    const suffix = range && /^bytes=-(\d+)$/.exec(range.trim());
    if (!suffix) return range;
    const head = await upstream('HEAD', path, {});
    head.resume();
    const size = Number(head.headers['content-length']);
    if (!Number.isFinite(size) || head.statusCode !== 200) return range;
    const n = Math.min(Number(suffix[1]), size);
    return `bytes=${size - n}-${size - 1}`;
  };

  const server = createServer(async (req, res) => {
    try {
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, HEAD, PUT',
          'access-control-allow-headers': 'range, content-type',
          'access-control-max-age': '3600',
        });
        return res.end();
      }
      const target = new URL(req.url ?? '/', `http://${req.headers.host ?? `${s.host}:${s.ports.media}`}`);
      if (method !== 'PUT' && method !== 'GET' && method !== 'HEAD') return deny(res, 405, 'MethodNotAllowed', 'not allowed');
      // The path as sent, not as URL parsing resolves it (it would fold `..` and `\\` first).
      const path = (req.url ?? '/').split('?')[0];
      if (!path.startsWith(`/${s.mediaBucket}/`)) return deny(res, 404, 'NoSuchBucket', 'unknown bucket');
      const key = objectKeyOfPath(path, s.mediaBucket);
      if (key === null) return deny(res, 400, 'InvalidURI', 'not an object key: dot segments, escaped separators, backslashes and NULs are refused');
      if (method === 'PUT') return await upload(req, res, target, key);
      if (!key.startsWith('covers/')) {
        const verdict = await verifyPresigned(target.toString(), lookup, s.region, now());
        if (!verdict.ok) return deny(res, 403, 'AccessDenied', `request refused: ${verdict.reason}`);
      }
      const range = await fixRange(pathOf(key), req.headers.range);
      const object = await upstream(method, pathOf(key), range ? { range } : {});
      const headers: Record<string, string | string[]> = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-range, content-length, accept-ranges' };
      for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified']) {
        const value = object.headers[name];
        if (value !== undefined) headers[name] = value;
      }
      headers['accept-ranges'] = 'bytes';
      headers['cache-control'] = 'private, max-age=300';
      res.writeHead(object.statusCode ?? 502, headers);
      object.pipe(res);
    } catch (error) {
      if (!res.headersSent) deny(res, 502, 'BadGateway', (error as Error).message);
      else res.destroy();
    }
  });
  return new Promise((resolve) => server.listen(s.ports.media, s.host, () => resolve(server)));
}
