import type { Schema } from '@/lib/api-client';
import { adminRequest } from './admin-request';

interface AdminUpload {
  key: string;
  url: string;
  headers: Record<string, string>;
  cover?: string;
}

const uploadSchema: Schema<AdminUpload> = {
  safeParse: (v) =>
    v && typeof v === 'object' && typeof (v as AdminUpload).key === 'string' && typeof (v as AdminUpload).url === 'string'
      ? { success: true, data: v as AdminUpload }
      : { success: false, error: { issues: ['not an upload'] } },
};

/**
 * Uploads an episode file, a cover or a cost report: POST /admin/uploads for a presigned PUT, then the
 * file straight to S3 with exactly the signed type and length (H5: the browser's File). Returns the object key.
 */
export async function uploadFile(kind: 'media' | 'cover' | 'report', seriesId: string, file: File): Promise<AdminUpload> {
  const contentType = kind === 'media' ? 'video/mp4' : file.type;
  const upload = await adminRequest('/admin/uploads', {
    method: 'POST',
    data: { kind, seriesId, contentType, bytes: file.size },
    schema: uploadSchema,
  });
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
  if (!put.ok) throw new Error(`上传失败（${put.status}）`);
  return upload;
}

/** An episode's length in seconds, read from the file by the browser. */
export function videoDurationS(file: File): Promise<number> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (s: number) => {
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(s) ? Math.round(s * 10) / 10 : 0);
    };
    video.preload = 'metadata';
    video.onloadedmetadata = () => done(video.duration);
    video.onerror = () => done(0);
    video.src = url;
  });
}
