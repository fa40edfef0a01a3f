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
