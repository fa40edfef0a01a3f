import { listTracesOutputSchema, traceSchema, traceUploadOutputSchema, viewerOfCodeOutputSchema, type Trace } from '@drama/shared/forensics';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

/**
 * Tracing a suspect copy from the console: a presigned PUT of the file (POST /admin/traces/uploads),
 * the file straight to S3, then POST /admin/traces; the trace runs on its own and is polled.
 */
export async function uploadSuspect(file: File): Promise<string> {
  const contentType = file.type || 'video/mp4';
  const upload = await adminRequest('/admin/traces/uploads', { method: 'POST', data: { contentType, bytes: file.size }, schema: traceUploadOutputSchema });
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
  if (!put.ok) throw new Error(`上传失败（${put.status}）`);
  return upload.key;
}

export const startTrace = (key: string): Promise<Trace> => adminRequest('/admin/traces', { method: 'POST', data: { key }, schema: traceSchema });

export const getTrace = (traceId: string): Promise<Trace> => adminRequest(`/admin/traces/${traceId}`, { schema: traceSchema });

/** Polls a trace until it has finished (or `signal` says the page left). */
export async function waitForTrace(traceId: string, isCancelled: () => boolean, everyMs = 1500): Promise<Trace | null> {
  for (;;) {
    const trace = await getTrace(traceId);
    if (trace.status !== 'pending' || isCancelled()) return isCancelled() ? null : trace;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const useTraces = (refresh: number) => useAsync(async () => (await adminRequest('/admin/traces', { schema: listTracesOutputSchema })).items, [refresh]);

export const viewerOfCode = (code: string) => adminRequest(`/admin/viewer-codes/${encodeURIComponent(code.trim().toUpperCase())}`, { schema: viewerOfCodeOutputSchema });
