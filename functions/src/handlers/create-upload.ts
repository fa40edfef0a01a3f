import { createUploadInputSchema, uploadKeyFor } from '@drama/shared/uploads';
import { randomUUID } from 'node:crypto';
import { json, route } from '../lib/http';
import { clock, media } from '../wiring/ports';

/** Upload URLs live this long. */
const uploadTtlS = 300;

/** A presigned PUT for one image under the caller's own prefix, bound to its type and size. */
export const handler = route({ auth: 'required', body: createUploadInputSchema }, async ({ caller, body }) => {
  const now = clock();
  const key = uploadKeyFor(caller.userId, randomUUID());
  const url = await media.signUploadUrl(key, caller.userId, body.contentType, body.bytes, uploadTtlS, now);
  return json(200, {
    key,
    url,
    headers: { 'content-type': body.contentType },
    expiresAt: new Date(now.getTime() + uploadTtlS * 1000).toISOString(),
  });
});
