import { z } from 'zod';

/** Every 4xx body is `{code, message}`; these are the codes the contract fixes (API.md, Errors). */
export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ENTITLEMENT_REQUIRED',
  'INSUFFICIENT_COINS',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CONTENT_REFUSED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBodySchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
