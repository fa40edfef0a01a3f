import type { PlayletEvent } from '../../domain/publishing/publication';
import { verifyDouyinSignature, type VerifyFailure } from './douyin-pay';

/**
 * The playlet library's callbacks (`upload_video`, `album_audit`), configured for the
 * `/msg/playlet/review/notify` ability. Body `{type, msg}` with `msg` a JSON string (or object), as
 * open-source backends read it: upload_video `{open_video_id, success}`, album_audit `{album_id,
 * audit_status (1 not passed, else passed), audit_msg, version}`. That they are signed like the
 * trade system's callbacks (Byte-Signature with the platform key) is our reading (unconfirmed).
 */
export function verifyPlayletCallback(
  headers: (name: string) => string | undefined,
  rawBody: string,
  platformPublicKey: string,
  now: Date,
  windowS = 300,
): { ok: true; appId?: string; event: PlayletEvent | { kind: 'malformed'; reason: string } | { kind: 'ignored'; type: string } } | VerifyFailure {
  const signed = verifyDouyinSignature(headers, rawBody, platformPublicKey, now, windowS);
  if (!signed.ok) return signed;
  let type: unknown;
  let msg: Record<string, unknown>;
  try {
    const body = JSON.parse(rawBody) as { type?: unknown; msg?: unknown };
    type = body.type;
    msg = (typeof body.msg === 'string' ? JSON.parse(body.msg) : body.msg) as Record<string, unknown>;
    if (!msg || typeof msg !== 'object') throw new Error('no msg');
  } catch {
    return { ok: true, event: { kind: 'malformed', reason: 'the body is not {type, msg}' } };
  }
  const appId = typeof msg.ma_app_id === 'string' ? msg.ma_app_id : typeof msg.app_id === 'string' ? msg.app_id : undefined;
  const id = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
  if (type === 'upload_video') {
    const openVideoId = id(msg.open_video_id);
    if (!openVideoId || (typeof msg.success !== 'boolean' && msg.success !== 'true' && msg.success !== 'false')) return { ok: true, appId, event: { kind: 'malformed', reason: 'upload_video lacks open_video_id or success' } };
    return { ok: true, appId, event: { kind: 'video', openVideoId, success: msg.success === true || msg.success === 'true' } };
  }
  if (type === 'album_audit') {
    const albumId = id(msg.album_id);
    const status = Number(msg.audit_status);
    if (!albumId || !Number.isInteger(status)) return { ok: true, appId, event: { kind: 'malformed', reason: 'album_audit lacks album_id or audit_status' } };
    if (status === 1) return { ok: true, appId, event: { kind: 'audit', albumId, approved: false, reason: typeof msg.audit_msg === 'string' && msg.audit_msg ? msg.audit_msg : '审核未通过', version: id(msg.version) } };
    return { ok: true, appId, event: { kind: 'audit', albumId, approved: true, version: id(msg.version) } };
  }
  // Other callbacks of the library (episode_audit, …) are acknowledged and left alone.
  return { ok: true, appId, event: { kind: 'ignored', type: String(type) } };
}
