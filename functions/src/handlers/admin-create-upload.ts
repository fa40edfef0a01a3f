import { adminUploadInputSchema } from '@drama/shared/admin';
import { randomUUID } from 'node:crypto';
import { operatorSubject } from '../domain/auth/operator';
import { json, route } from '../lib/http';
import { clock, media } from '../wiring/ports';

const uploadTtlS = 900;
const extensionOf: Record<string, string> = { 'video/mp4': 'mp4', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const prefixOf = { media: 'media', cover: 'covers', report: 'reports' } as const;

/** A presigned PUT for an episode file (private, under media/), a cover (public, under covers/) or a cost report (private, under reports/). */
export const handler = route({ auth: 'operator', body: adminUploadInputSchema }, async ({ body }) => {
  const now = clock();
  const prefix = prefixOf[body.kind];
  const key = `${prefix}/${body.seriesId}/${randomUUID()}.${extensionOf[body.contentType]}`;
  const url = await media.signUploadUrl(key, operatorSubject, body.contentType, body.bytes, uploadTtlS, now);
  return json(200, {
    key,
    url,
    headers: { 'content-type': body.contentType },
    expiresAt: new Date(now.getTime() + uploadTtlS * 1000).toISOString(),
    ...(body.kind === 'cover' ? { cover: media.coverUrl(key) } : {}),
  });
});
