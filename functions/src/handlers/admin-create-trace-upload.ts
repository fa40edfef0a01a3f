import { traceUploadInputSchema } from '@drama/shared/forensics';
import { randomUUID } from 'node:crypto';
import { operatorSubject } from '../domain/auth/operator';
import { json, route } from '../lib/http';
import { clock, media } from '../wiring/ports';

const uploadTtlS = 900;
const extensionOf: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/x-matroska': 'mkv', 'video/webm': 'webm', 'video/mp2t': 'ts' };

/** A presigned PUT for a suspect copy (private, under suspects/), to trace with POST /admin/traces. */
export const handler = route({ auth: 'operator', body: traceUploadInputSchema }, async ({ body }) => {
  const now = clock();
  const key = `suspects/${randomUUID()}.${extensionOf[body.contentType]}`;
  const url = await media.signUploadUrl(key, operatorSubject, body.contentType, body.bytes, uploadTtlS, now);
  return json(200, { key, url, headers: { 'content-type': body.contentType }, expiresAt: new Date(now.getTime() + uploadTtlS * 1000).toISOString() });
});
