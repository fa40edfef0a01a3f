import { PlatformError } from '../../domain/publishing/job';
import type { MediaAssets, PullTask, Qualification } from '../../domain/publishing/platforms';
import { dropToken, platformBase } from './access-tokens';
import { wechatAccessToken } from './wechat-access-token';

/**
 * WeChat's media assets (媒资管理, `api.weixin.qq.com/wxa/sec/vod/`), with the access_token in the
 * query. Shapes read from the docs and SDKs (PLATFORM.md §6, README "Going live"): pullupload
 * {media_name, media_url, cover_url} → task_id; gettask → task_info {status 1 waiting, 2 running,
 * 3 done, 4 failed, media_id}; listmedia {media_name | drama_id}; auditdrama {name, media_count,
 * media_id_list, producer, description, cover_material_id, registration_number | publish_license}
 * → drama_id; getmedialink {media_id, t} → media_info.mp4_url. Materials go through
 * cgi-bin/media/upload. The qualification_type / cost-report fields are our reading (unconfirmed).
 */

/** Errors that mean the request itself is wrong; -1 (busy) and -2 (store initialising) are retried. */
const permanent = new Set([40097, 10093014, 10093030, 44002, 40007]);
const tokenRefused = new Set([40001, 42001, 40014]);

async function token(): Promise<string> {
  try {
    return await wechatAccessToken();
  } catch (error) {
    throw new PlatformError((error as Error).message, true);
  }
}

function check<T extends { errcode?: number; errmsg?: string }>(what: string, reply: T): T {
  const code = Number(reply.errcode ?? 0);
  if (code === 0) return reply;
  if (tokenRefused.has(code)) dropToken('wechat');
  throw new PlatformError(`wechat ${what}: errcode ${code} ${reply.errmsg ?? ''}`.trim(), permanent.has(code));
}

async function post<T extends { errcode?: number; errmsg?: string }>(path: string, body: Record<string, unknown>): Promise<T> {
  const url = `${platformBase('wechat')}${path}?access_token=${encodeURIComponent(await token())}`;
  let reply: T;
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    reply = (await response.json()) as T;
  } catch (error) {
    throw new PlatformError(`wechat ${path}: ${(error as Error).message}`, true);
  }
  return check(path, reply);
}

/** auditdrama's qualification: a licence (provincial/national) or a platform review with the cost report. */
export function dramaQualification(q: Qualification, costReportMaterialId?: string): Record<string, unknown> {
  if (q.budgetTier === 'platform') return { qualification_type: 2, ...(costReportMaterialId ? { cost_commitment_letter_material_id: costReportMaterialId } : {}), ...(q.licence ? { registration_number: q.licence } : {}) };
  return q.budgetTier === 'national' ? { qualification_type: 1, publish_license: q.licence } : { qualification_type: 1, registration_number: q.licence };
}

export function wechatMediaAssets(): MediaAssets {
  return {
    async uploadMaterial(url, fileName) {
      let bytes: ArrayBuffer;
      let type: string;
      try {
        const source = await fetch(url, { signal: AbortSignal.timeout(20_000) });
        if (!source.ok) throw new Error(`HTTP ${source.status}`);
        bytes = await source.arrayBuffer();
        type = source.headers.get('content-type') ?? 'image/jpeg';
      } catch (error) {
        throw new PlatformError(`reading ${fileName} for upload: ${(error as Error).message}`, true);
      }
      const form = new FormData();
      form.append('media', new Blob([bytes], { type }), fileName);
      let reply: { media_id?: string; errcode?: number; errmsg?: string };
      try {
        const response = await fetch(`${platformBase('wechat')}/cgi-bin/media/upload?access_token=${encodeURIComponent(await token())}&type=image`, { method: 'POST', body: form, signal: AbortSignal.timeout(20_000) });
        reply = (await response.json()) as typeof reply;
      } catch (error) {
        throw new PlatformError(`wechat media/upload: ${(error as Error).message}`, true);
      }
      const { media_id } = check('cgi-bin/media/upload', reply);
      if (!media_id) throw new PlatformError('wechat media/upload: no media_id', true);
      return media_id;
    },

    async pullUpload(name, mediaUrl, coverUrl) {
      const reply = await post<{ task_id?: number | string; errcode?: number }>('/wxa/sec/vod/pullupload', { media_name: name, media_url: mediaUrl, cover_url: coverUrl });
      if (reply.task_id === undefined) throw new PlatformError('wechat pullupload: no task_id', true);
      return String(reply.task_id);
    },

    async task(taskId): Promise<PullTask> {
      const reply = await post<{ task_info?: { status?: number; errcode?: number; errmsg?: string; media_id?: number | string }; errcode?: number }>('/wxa/sec/vod/gettask', { task_id: Number(taskId) });
      const info = reply.task_info ?? {};
      if (info.status === 3 && info.media_id !== undefined) return { status: 'done', mediaId: String(info.media_id) };
      if (info.status === 4) return { status: 'failed', reason: `errcode ${info.errcode ?? '?'} ${info.errmsg ?? ''}`.trim() };
      return { status: 'running' };
    },

    async findMedia(name) {
      const reply = await post<{ media_info_list?: Array<{ media_id: number | string; name: string }>; errcode?: number }>('/wxa/sec/vod/listmedia', { media_name: name, limit: 100, offset: 0 });
      const found = (reply.media_info_list ?? []).find((m) => m.name === name);
      return found ? String(found.media_id) : undefined;
    },

    async auditDrama(drama) {
      const reply = await post<{ drama_id?: number | string; errcode?: number }>('/wxa/sec/vod/auditdrama', {
        ...(drama.dramaId ? { drama_id: Number(drama.dramaId) } : {}),
        name: drama.name,
        media_count: drama.mediaIds.length,
        media_id_list: drama.mediaIds.map(Number),
        producer: drama.producer,
        description: drama.description,
        cover_material_id: drama.coverMaterialId,
        ...dramaQualification(drama.qualification, drama.costReportMaterialId),
      });
      if (reply.drama_id === undefined) throw new PlatformError('wechat auditdrama: no drama_id', true);
      return String(reply.drama_id);
    },

    async rejectionReasons(dramaId) {
      const reply = await post<{ media_info_list?: Array<{ name: string; audit_detail?: { status?: number; reason?: string } }>; errcode?: number }>('/wxa/sec/vod/listmedia', { drama_id: Number(dramaId), limit: 100, offset: 0 });
      return (reply.media_info_list ?? []).filter((m) => m.audit_detail?.reason).map((m) => `${m.name}：${m.audit_detail!.reason}`);
    },

    async mediaLink(mediaId, expiresAt) {
      const reply = await post<{ media_info?: { mp4_url?: string; hls_url?: string }; errcode?: number }>('/wxa/sec/vod/getmedialink', {
        media_id: Number(mediaId),
        t: Math.floor(expiresAt.getTime() / 1000),
        // Several addresses: a phone's IP changes when it reconnects (the docs advise more than one).
        rlimit: 3,
      });
      const url = reply.media_info?.mp4_url ?? reply.media_info?.hls_url;
      if (!url) throw new PlatformError('wechat getmedialink: no link', true);
      return url;
    },
  };
}
