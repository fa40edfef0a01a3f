import { z } from 'zod';
import { seriesIdSchema } from './catalog';

/**
 * Paid media over HLS and tracing a leaked copy (API.md: "Paid media over HLS, and tracing a leak").
 */

/** GET /playlists/{seriesId}/{episode}?u&x&s: the URL POST /play hands out for a paid episode. */
export const playlistParamsSchema = z.object({
  seriesId: seriesIdSchema,
  episode: z.coerce.number().int().min(1).max(10_000),
});
export const playlistQuerySchema = z
  .object({
    /** The viewer the playlist is for. */
    u: z.string().regex(/^u_[0-9a-f]{24}$/),
    /** Expiry, epoch seconds. */
    x: z.coerce.number().int().positive(),
    /** HMAC-SHA256 (hex) over the rest. */
    s: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type PlaylistQuery = z.infer<typeof playlistQuerySchema>;
/** The playlist itself (`application/vnd.apple.mpegurl`, not JSON): an HLS media playlist's text. */
export const playlistOutputSchema = z.string().startsWith('#EXTM3U');

/** GET /me/viewer-code: the short code a player draws over media it did not get from us. */
export const viewerCodeOutputSchema = z.object({ code: z.string().regex(/^[2-9A-HJ-NP-Z]{5}$/) });
export type ViewerCodeOutput = z.infer<typeof viewerCodeOutputSchema>;
/** GET /admin/viewer-codes/{code}: who was shown a code an operator read off a copy. */
export const viewerCodeParamsSchema = z.object({ code: z.string().regex(/^[2-9A-HJ-NP-Za-hj-np-z]{5}$/) });
export const viewerOfCodeOutputSchema = z.object({ userId: z.string(), markId: z.number().int() });

// --- the operators' trace ---------------------------------------------------------------------------

export const suspectContentTypes = ['video/mp4', 'video/quicktime', 'video/x-matroska', 'video/webm', 'video/mp2t'] as const;
/** A suspect copy: a few episodes of a drama fit easily. */
export const maxSuspectBytes = 512 * 1024 * 1024;

/** POST /admin/traces/uploads: a presigned PUT for the suspect file (under suspects/). */
export const traceUploadInputSchema = z
  .object({
    contentType: z.enum(suspectContentTypes),
    bytes: z.number().int().positive().max(maxSuspectBytes, `suspect files are limited to ${maxSuspectBytes} bytes`),
  })
  .strict();
export type TraceUploadInput = z.infer<typeof traceUploadInputSchema>;
export const traceUploadOutputSchema = z.object({
  key: z.string(),
  url: z.string().url(),
  headers: z.record(z.string()),
  expiresAt: z.string(),
});

/** POST /admin/traces {key}: starts a trace of an uploaded suspect file. */
export const createTraceInputSchema = z.object({ key: z.string().regex(/^suspects\/[0-9a-f-]{36}\.[a-z0-9]{2,4}$/) }).strict();
export type CreateTraceInput = z.infer<typeof createTraceInputSchema>;
export const traceIdParamsSchema = z.object({ traceId: z.string().regex(/^[0-9a-z]{8,12}-[0-9a-f]{8}$/) });

/** What a trace found: the contract's last line of `npm run trace`, and the evidence behind it. */
export const traceResultSchema = z.object({
  seriesId: z.string().nullable(),
  episode: z.number().int().nullable(),
  userId: z.string().nullable(),
  confidence: z.number(),
  evidence: z.object({
    /** Bits read (2 a segment) and those read clearly (|z| ≥ 2). */
    bitsRead: z.number().int(),
    clearBits: z.number().int(),
    /** Of the clear bits, how many the named (or best) viewer's code agrees with. */
    agreeingBits: z.number().int(),
    /** The stretches of the copy matched to marked episodes (seconds of the copy). */
    episodes: z.array(z.object({ seriesId: z.string(), episode: z.number().int(), fromS: z.number(), toS: z.number(), segments: z.number().int() })),
    /** Viewers who received those episodes, best score first (at most 5). */
    ranking: z.array(z.object({ userId: z.string(), score: z.number() })),
    candidates: z.number().int(),
  }),
});
export type TraceResult = z.infer<typeof traceResultSchema>;

export const traceSchema = z.object({
  traceId: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  result: traceResultSchema.optional(),
  error: z.string().optional(),
});
export type Trace = z.infer<typeof traceSchema>;
export const listTracesOutputSchema = z.object({ items: z.array(traceSchema) });
