import { viewerPlatformQuerySchema } from '@drama/shared/going-live';
import { BadRequest } from '../domain/errors';
import type { Event } from './http';

/** `?platform=douyin|wechat|h5`: where the app runs, for the catalog routes (a wrong value is a 400). */
export function viewerPlatformQuery(event: Event): { platform?: string } {
  const parsed = viewerPlatformQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new BadRequest(`invalid query: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
