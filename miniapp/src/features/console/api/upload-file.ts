import { adminUploadOutputSchema, type AdminUploadOutput } from '@drama/shared/admin';
import { adminRequest } from './admin-request';

/**
 * Uploads an episode file, a cover or a cost report: POST /admin/uploads for a presigned PUT, then the
 * file straight to S3 with exactly the signed type and length (H5: the browser's File). Returns the object key.
 */
export async function uploadFile(kind: 'media' | 'cover' | 'report', seriesId: string, file: File): Promise<AdminUploadOutput> {
  const contentType = kind === 'media' ? 'video/mp4' : file.type;
  const upload = await adminRequest('/admin/uploads', {
    method: 'POST',
    data: { kind, seriesId, contentType, bytes: file.size },
    schema: adminUploadOutputSchema,
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
