import { randomUUID } from 'node:crypto';
import type { AdminUploadInput } from '@drama/shared/admin';
import type { TraceUploadInput } from '@drama/shared/forensics';
import { uploadKeyFor, type CreateUploadInput, type CreateUploadOutput } from '@drama/shared/uploads';
import { operatorSubject } from '../auth/operator';

/** Presigned PUTs into the media bucket, each bound to its key, subject, content type and size. */
export interface UploadSigner {
  signUploadUrl(key: string, subject: string, contentType: string, bytes: number, expiresInS: number, now: Date): Promise<string>;
  /** The public URL of an object under covers/. */
  coverUrl(key: string): string;
}

export interface UploadPorts {
  uploads: UploadSigner;
  now: () => Date;
}

/** A viewer's upload URL lives 5 minutes; an operator's (episode files, suspect copies) 15. */
const viewerTtlS = 300;
const operatorTtlS = 900;

async function presign(key: string, subject: string, input: { contentType: string; bytes: number }, ttlS: number, ports: UploadPorts): Promise<CreateUploadOutput> {
  const now = ports.now();
  const url = await ports.uploads.signUploadUrl(key, subject, input.contentType, input.bytes, ttlS, now);
  return { key, url, headers: { 'content-type': input.contentType }, expiresAt: new Date(now.getTime() + ttlS * 1000).toISOString() };
}

/** POST /uploads: one image under the caller's own prefix (a scene's start), bound to its type and size. */
export function createViewerUpload(userId: string, input: CreateUploadInput, ports: UploadPorts): Promise<CreateUploadOutput> {
  return presign(uploadKeyFor(userId, randomUUID()), userId, input, viewerTtlS, ports);
}

const adminExtensionOf: Record<string, string> = { 'video/mp4': 'mp4', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const adminPrefixOf = { media: 'media', cover: 'covers', report: 'reports' } as const;

/** POST /admin/uploads: an episode file (private, under media/), a cover (public, under covers/) or a cost report (private, under reports/). */
export async function createAdminUpload(input: AdminUploadInput, ports: UploadPorts): Promise<CreateUploadOutput & { cover?: string }> {
  const key = `${adminPrefixOf[input.kind]}/${input.seriesId}/${randomUUID()}.${adminExtensionOf[input.contentType]}`;
  const upload = await presign(key, operatorSubject, input, operatorTtlS, ports);
  return { ...upload, ...(input.kind === 'cover' ? { cover: ports.uploads.coverUrl(key) } : {}) };
}

const suspectExtensionOf: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/x-matroska': 'mkv', 'video/webm': 'webm', 'video/mp2t': 'ts' };

/** POST /admin/traces/uploads: a suspect copy (private, under suspects/), to trace with POST /admin/traces. */
export function createTraceUpload(input: TraceUploadInput, ports: UploadPorts): Promise<CreateUploadOutput> {
  return presign(`suspects/${randomUUID()}.${suspectExtensionOf[input.contentType]}`, operatorSubject, input, operatorTtlS, ports);
}
