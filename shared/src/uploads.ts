import { z } from 'zod';

/** What viewers may upload to start a scene: one image, up to this size. */
export const uploadContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const maxUploadBytes = 5 * 1024 * 1024;

export const createUploadInputSchema = z
  .object({
    contentType: z.enum(uploadContentTypes),
    bytes: z.number().int().positive().max(maxUploadBytes, `images are limited to ${maxUploadBytes} bytes`),
  })
  .strict();
export type CreateUploadInput = z.infer<typeof createUploadInputSchema>;

export const createUploadOutputSchema = z.object({
  key: z.string(),
  /** Presigned PUT: send the file with exactly this content type and length before `expiresAt`. */
  url: z.string().url(),
  headers: z.record(z.string()),
  expiresAt: z.string(),
});
export type CreateUploadOutput = z.infer<typeof createUploadOutputSchema>;

/**
 * The one shape of a viewer's upload key, as `POST /uploads` issues it: `uploads/<userId>/<uuid>`.
 * Scene sources must match it exactly, and ownership is read from it, never from a prefix test.
 */
const uploadKeyPattern = /^uploads\/(u_[0-9a-f]{24})\/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;

export function uploadKeyFor(userId: string, uploadId: string): string {
  const key = `uploads/${userId}/${uploadId}`;
  if (!uploadKeyPattern.test(key)) throw new Error(`not an upload key: ${key}`);
  return key;
}

/** The owner and id of an upload key, or null for anything but the issued shape. */
export function parseUploadKey(key: string): { userId: string; uploadId: string } | null {
  const m = uploadKeyPattern.exec(key);
  return m ? { userId: m[1], uploadId: m[2] } : null;
}

export const uploadKeySchema = z.string().max(200).regex(uploadKeyPattern, 'not an upload key issued by POST /uploads');
