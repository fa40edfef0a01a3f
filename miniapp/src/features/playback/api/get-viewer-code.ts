import { viewerCodeOutputSchema } from '@drama/shared/forensics';
import { apiRequest } from '@/lib/api-client';

let code: Promise<string> | undefined;

/** GET /me/viewer-code, asked once per session (the code never changes for a viewer). */
export function getViewerCode(): Promise<string> {
  code ??= apiRequest('/me/viewer-code', { schema: viewerCodeOutputSchema }).then((out) => out.code);
  code.catch(() => (code = undefined));
  return code;
}
