import Taro from '@tarojs/taro';
import { maxUploadBytes, uploadContentTypes, type CreateUploadInput } from '@drama/shared/uploads';
import { createUpload } from './api/create-upload';

/**
 * An image from the album to start a scene with: POST /uploads for a presigned PUT, then the bytes
 * with exactly the declared content type and length. The one place that knows how each platform
 * reads and PUTs a file (`Taro.uploadFile` sends multipart, which a presigned PUT rejects).
 */
export type PickedImage =
  | { kind: 'file'; file: File } // H5: from <input type=file>
  | { kind: 'path'; path: string; size: number }; // tt / weapp: a temp file from chooseImage

type ContentType = CreateUploadInput['contentType'];

/** Why an image cannot be used, in the words shown to the user. */
export class ImageRejected extends Error {}

/** tt / weapp: pick one image from the album (H5 uses an <input type=file> on the page). */
export async function chooseAlbumImage(): Promise<PickedImage | null> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] });
    const file = res.tempFiles[0];
    return file ? { kind: 'path', path: file.path, size: file.size } : null;
  } catch {
    return null; // cancelled
  }
}

/** Uploads the image and returns its key for `POST /scenes {source: {kind: 'upload', key}}`. */
export async function uploadImage(image: PickedImage): Promise<string> {
  const contentType = image.kind === 'file' ? image.file.type : typeFromPath(image.path);
  const bytes = image.kind === 'file' ? image.file.size : image.size;
  if (!isUploadType(contentType)) throw new ImageRejected('只支持 PNG、JPEG、WebP 图片');
  if (bytes > maxUploadBytes) throw new ImageRejected(`图片不能超过 ${maxUploadBytes / 1024 / 1024} MB`);

  const upload = await createUpload({ contentType, bytes });
  if (image.kind === 'file') {
    const res = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: image.file });
    if (!res.ok) throw new Error(`upload failed: ${res.status}`);
  } else {
    const data = await readFile(image.path);
    const res = await Taro.request({ url: upload.url, method: 'PUT', data, header: upload.headers, dataType: '其他', responseType: 'text' });
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`upload failed: ${res.statusCode}`);
  }
  return upload.key;
}

const isUploadType = (t: string): t is ContentType => (uploadContentTypes as readonly string[]).includes(t);

function typeFromPath(path: string): string {
  const ext = path.split('?')[0].split('.').pop()?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : '';
}

function readFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: (e) => reject(new Error(e.errMsg)),
    }),
  );
}
