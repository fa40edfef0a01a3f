import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isImage, isMp4, pull, reviewDelayMs, type Route, type RouteContext } from './routes-context';

/**
 * WeChat's media assets (媒资管理, `/wxa/sec/vod/`) with the shapes of the docs and SDKs (README
 * "Going live"): temporary materials (cgi-bin/media/upload), pull uploads the platform fetches
 * itself (named "剧名 - 第N集", a task polled with gettask), listmedia, auditdrama with its
 * qualification, the reviewers' decision pushed as `secvod_audit_event` to the message-push URL
 * (signed and encrypted as WeChat pushes, retried until answered), and getmedialink's temporary
 * links, served here (with Range) only for media of an approved drama and only until they expire.
 */
export interface VodMedia {
  mediaId: string;
  name: string;
  source: string;
  file: string;
  dramaId?: string;
  audit?: { status: number; reason?: string };
  at: string;
}
export interface VodDrama {
  dramaId: string;
  name: string;
  mediaIds: string[];
  producer: string;
  qualification: Record<string, unknown>;
  state: 'in_review' | 'approved' | 'rejected';
  submissions: number;
}
export interface VodState {
  materials: Record<string, { id: string; bytes: number; at: string }>;
  tasks: Record<string, { id: string; name: string; status: 1 | 2 | 3 | 4; mediaId?: string; errmsg?: string; createdAt: number; finishedAt?: number }>;
  media: Record<string, VodMedia>;
  dramas: Record<string, VodDrama>;
}

const newId = () => String(Date.now() * 1000 + randomBytes(2).readUInt16BE(0) % 1000);
/** "剧名 - 第N集": the platform's naming rule, no special characters at the ends. */
const mediaName = /^[\p{L}\p{N}][^\n]*[\p{L}\p{N}] - 第\d+集$/u;

/** The part called `name` of a multipart body. */
function multipartPart(body: Buffer, contentType: string, name: string): Buffer | undefined {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) return undefined;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && new RegExp(`name="${name}"`).test(part.subarray(0, headerEnd).toString('utf8'))) return part.subarray(headerEnd + 4);
    start = next;
  }
  return undefined;
}

export function vodRoutes(ctx: RouteContext, control: { takeUploadFailure(title: string): boolean }): Record<string, Route> {
  const { state, save, send } = ctx;
  const dir = join(ctx.identity.dir, 'vod');
  mkdirSync(dir, { recursive: true });
  const linkKey = createHmac('sha256', ctx.identity.wechat.appSecret).update('vod-links').digest();
  const sign = (mediaId: string, t: string, us: string) => createHmac('sha256', linkKey).update(`${mediaId}:${t}:${us}`).digest('hex');
  const error = (code: number, message: string) => ({ errcode: code, errmsg: message });
  const authorised = (url: URL) => ctx.tokenPlatform(url.searchParams.get('access_token')) === 'wechat';
  const playable = (m: VodMedia) => Boolean(m.dramaId && state.vod.dramas[m.dramaId]?.state === 'approved');

  const push = (drama: VodDrama, status: number) =>
    ctx.queue.enqueue({
      id: randomBytes(8).toString('hex'),
      platform: 'wechat',
      kind: 'vod',
      outOrderNo: drama.dramaId,
      url: `${ctx.apiUrl}/pay/wechat/notify`,
      payload: {
        ToUserName: ctx.identity.wechat.appId,
        FromUserName: ctx.identity.wechat.appId,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'secvod_audit_event',
        audit_event: { drama_id: Number(drama.dramaId), audit_detail: { status, audit_type: 0, create_time: Math.floor(Date.now() / 1000), audit_time: Math.floor(Date.now() / 1000) } },
      },
    });

  const decide = (drama: VodDrama) => {
    const decision = state.reviewDecisions[drama.name] ?? { decision: 'approve' };
    if (decision.decision === 'hold') return;
    setTimeout(() => {
      if (drama.state !== 'in_review') return;
      const approved = decision.decision === 'approve';
      drama.state = approved ? 'approved' : 'rejected';
      drama.mediaIds.forEach((id, i) => {
        const m = state.vod.media[id];
        if (m) m.audit = approved ? { status: 3 } : { status: 2, reason: i === 0 ? (decision.reason ?? '内容不符合平台规范') : undefined };
      });
      save();
      push(drama, approved ? 3 : 2);
    }, reviewDelayMs * ctx.timeScale);
  };

  return {
    'POST /cgi-bin/media/upload': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const body = await ctx.readBytes(req, 12 * 1024 * 1024);
      const media = multipartPart(body, String(req.headers['content-type'] ?? ''), 'media');
      if (url.searchParams.get('type') !== 'image' || !media || !isImage(media)) return send(res, 200, error(40004, 'invalid media type: send an image as multipart field "media"'));
      const id = `MAT_${randomBytes(12).toString('hex')}`;
      state.vod.materials[id] = { id, bytes: media.length, at: new Date().toISOString() };
      save();
      send(res, 200, { type: 'image', media_id: id, created_at: Math.floor(Date.now() / 1000) });
    },

    'POST /wxa/sec/vod/pullupload': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const input = await ctx.readJson(req);
      if (typeof input.media_name !== 'string' || !mediaName.test(input.media_name) || typeof input.media_url !== 'string') {
        return send(res, 200, error(10093014, 'media_name must read "剧名 - 第N集" and media_url is required'));
      }
      const task = { id: newId(), name: input.media_name, status: 1 as 1 | 2 | 3 | 4, createdAt: Math.floor(Date.now() / 1000) } as VodState['tasks'][string];
      state.vod.tasks[task.id] = task;
      save();
      send(res, 200, { errcode: 0, errmsg: 'ok', task_id: Number(task.id) });
      task.status = 2;
      const fetched = await pull(input.media_url);
      if (!fetched.ok || !isMp4(fetched.bytes) || control.takeUploadFailure(task.name)) {
        Object.assign(task, { status: 4, errmsg: fetched.ok ? 'media processing failed' : fetched.reason, finishedAt: Math.floor(Date.now() / 1000) });
        return save();
      }
      const mediaId = newId();
      const file = join(dir, `${mediaId}.mp4`);
      writeFileSync(file, fetched.bytes);
      state.vod.media[mediaId] = { mediaId, name: task.name, source: new URL(input.media_url).pathname, file, at: new Date().toISOString() };
      Object.assign(task, { status: 3, mediaId, finishedAt: Math.floor(Date.now() / 1000) });
      save();
    },

    'POST /wxa/sec/vod/gettask': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const task = state.vod.tasks[String((await ctx.readJson(req)).task_id)];
      if (!task) return send(res, 200, error(10093030, 'task not found'));
      send(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        task_info: { id: Number(task.id), task_type: 1, status: task.status, errcode: task.status === 4 ? 10090017 : 0, errmsg: task.errmsg ?? '', create_time: task.createdAt, finish_time: task.finishedAt ?? 0, ...(task.mediaId ? { media_id: Number(task.mediaId) } : {}) },
      });
    },

    'POST /wxa/sec/vod/listmedia': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const input = await ctx.readJson(req);
      const items = Object.values(state.vod.media).filter((m) => (input.media_name === undefined || m.name === input.media_name) && (input.drama_id === undefined || m.dramaId === String(input.drama_id)));
      send(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        media_info_list: items.slice(Number(input.offset ?? 0), Number(input.offset ?? 0) + Math.min(100, Number(input.limit ?? 100))).map((m) => ({
          media_id: Number(m.mediaId),
          name: m.name,
          drama_id: m.dramaId ? Number(m.dramaId) : 0,
          file_size: statSync(m.file).size,
          ...(m.audit ? { audit_detail: { status: m.audit.status, reason: m.audit.reason ?? '' } } : {}),
        })),
      });
    },

    'POST /wxa/sec/vod/auditdrama': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const input = await ctx.readJson(req);
      const existing = input.drama_id !== undefined ? state.vod.dramas[String(input.drama_id)] : undefined;
      if (input.drama_id !== undefined && !existing) return send(res, 200, error(10093030, 'drama not found'));
      const ids = Array.isArray(input.media_id_list) ? input.media_id_list.map(String) : (existing?.mediaIds ?? []);
      const licensed = typeof input.registration_number === 'string' || typeof input.publish_license === 'string';
      const problems = [
        !existing && (typeof input.name !== 'string' || !input.name) ? 'name' : '',
        !existing && input.media_count !== ids.length ? 'media_count must equal media_id_list' : '',
        ids.some((id) => !state.vod.media[id] || (state.vod.media[id].dramaId && state.vod.media[id].dramaId !== existing?.dramaId)) ? 'media_id_list (unknown media, or another drama\'s)' : '',
        !existing && (typeof input.producer !== 'string' || !input.producer) ? 'producer' : '',
        !existing && !state.vod.materials[String(input.cover_material_id)] ? 'cover_material_id' : '',
        !existing && !licensed && input.qualification_type !== 2 ? 'registration_number or publish_license (or qualification_type 2)' : '',
      ].filter(Boolean);
      if (problems.length) return send(res, 200, error(10093014, `argument invalid: ${problems.join(', ')}`));
      const drama: VodDrama = existing ?? { dramaId: newId(), name: String(input.name), mediaIds: [], producer: String(input.producer), qualification: {}, state: 'in_review', submissions: 0 };
      drama.mediaIds = ids;
      drama.qualification = { qualification_type: input.qualification_type, registration_number: input.registration_number, publish_license: input.publish_license };
      drama.state = 'in_review';
      drama.submissions++;
      for (const id of ids) state.vod.media[id].dramaId = drama.dramaId;
      state.vod.dramas[drama.dramaId] = drama;
      save();
      decide(drama);
      send(res, 200, { errcode: 0, errmsg: 'ok', drama_id: Number(drama.dramaId) });
    },

    'POST /wxa/sec/vod/getmedialink': async (req, url, res) => {
      if (!authorised(url)) return send(res, 200, error(40001, 'invalid credential'));
      const input = await ctx.readJson(req);
      const m = state.vod.media[String(input.media_id)];
      const t = Number(input.t);
      if (!m) return send(res, 200, error(10093030, 'media not found'));
      if (!Number.isInteger(t) || t * 1000 > Date.now() + 2 * 3600_000 || t * 1000 < Date.now()) return send(res, 200, error(10093014, 't must be within the next 2 hours'));
      if (!playable(m)) return send(res, 200, error(10093011, 'the drama has not passed review'));
      const us = `${typeof input.us === 'string' ? `${input.us}-` : ''}${randomBytes(12).toString('hex')}`;
      const link = `${ctx.selfUrl}/vod/play?media_id=${m.mediaId}&t=${t}&us=${us}&sign=${sign(m.mediaId, String(t), us)}`;
      send(res, 200, { errcode: 0, errmsg: 'ok', media_info: { media_id: Number(m.mediaId), name: m.name, mp4_url: link, hls_url: '' } });
    },

    // getmedialink's temporary link: refused when altered or expired, Range served as a CDN would.
    'GET /vod/play': async (req, url, res) => {
      const q = url.searchParams;
      const m = state.vod.media[q.get('media_id') ?? ''];
      const t = q.get('t') ?? '';
      if (!m || sign(m.mediaId, t, q.get('us') ?? '') !== q.get('sign') || Number(t) * 1000 < Date.now() || !playable(m) || !existsSync(m.file)) {
        res.writeHead(403, { 'access-control-allow-origin': '*' });
        res.end('forbidden');
        return;
      }
      const size = statSync(m.file).size;
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
      const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-range, content-length' };
      if (!range) {
        res.writeHead(200, { ...headers, 'content-length': String(size) });
        return void createReadStream(m.file).pipe(res);
      }
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      res.writeHead(206, { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` });
      void createReadStream(m.file, { start, end }).pipe(res);
    },

    // What the sandbox received (API.md): dramas with their episode count and state.
    'GET /vod/dramas': async (_req, _url, res) =>
      send(res, 200, { items: Object.values(state.vod.dramas).map((d) => ({ dramaId: d.dramaId, name: d.name, episodes: d.mediaIds.length, state: d.state, submissions: d.submissions, qualification: d.qualification })) }),

    // Every media file pulled, in order (tests count them: nothing is uploaded twice).
    'GET /vod/media': async (_req, _url, res) => send(res, 200, { items: Object.values(state.vod.media).map(({ file: _file, ...m }) => m) }),
  };
}
