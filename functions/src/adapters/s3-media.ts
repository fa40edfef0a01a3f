import { objectKey } from '@drama/shared/object-keys';
import type { MediaSigner } from '../domain/playback/play';
import { config } from '../lib/config';
import { presignGet, presignPut, type Credentials, type MediaLocation } from './media-url';

/** Lambda provides its role's credentials in the environment; locally they are the s3rver keys. */
export function credentialsFromEnv(): Credentials {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS credentials are missing from the environment');
  return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
}

export function mediaLocation(): MediaLocation {
  const { mediaPublicEndpoint, mediaBucket, region } = config();
  return mediaPublicEndpoint
    ? { endpoint: mediaPublicEndpoint, bucket: mediaBucket, pathStyle: true, region }
    : { endpoint: `https://${mediaBucket}.s3.${region}.amazonaws.com`, bucket: mediaBucket, pathStyle: false, region };
}

/** Every key signed into a URL follows the one key rule (shared/object-keys.ts); a stored key that does not is a bug, not a request. */
function checked(key: string): string {
  if (objectKey(key) === null) throw new Error(`refusing to sign a URL for a malformed object key: ${JSON.stringify(key)}`);
  return key;
}

export const s3Media: MediaSigner & {
  coverUrl(key: string): string;
  signUploadUrl(key: string, userId: string, contentType: string, bytes: number, expiresInS: number, now: Date): Promise<string>;
} = {
  signPlayUrl: (key, userId, expiresInS, now) =>
    presignGet({ location: mediaLocation(), key: checked(key), userId, credentials: credentialsFromEnv(), expiresInS, now }),

  signUploadUrl: (key, userId, contentType, bytes, expiresInS, now) =>
    presignPut({ location: mediaLocation(), key: checked(key), userId, contentType, bytes, credentials: credentialsFromEnv(), expiresInS, now }),

  /** Covers sit under the public `covers/` prefix (a bucket policy grants read there only). */
  coverUrl(key) {
    const location = mediaLocation();
    return location.pathStyle
      ? `${location.endpoint}/${location.bucket}/${checked(key)}`
      : `${location.endpoint}/${checked(key)}`;
  },
};
