import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isImage, isMp4, pull, reviewDelayMs, type Route, type RouteContext } from './routes-context';

/**
 * Douyin's playlet library (抖音短剧内容库, `/api/playlet/v2/`), played with the shapes open-source
 * backends use (README "Going live"): resources uploaded from URLs the platform fetches itself (each
 * video confirmed by an `upload_video` callback), albums created with their qualification and
 * record_info, episodes added ≤ 100 at a time, submitted for review (the sandbox's reviewers decide
 * per title: `POST /control/review`), put online and bound to a page. Callbacks go to the API's
 * `/platform/douyin/playlet`, signed as Douyin signs its callbacks, and are retried until answered.
 */
export interface PlayletResource {
  id: string;
  type: 'image' | 'video';
  /** The URL's path (what was fetched), for tests that count uploads. */
  source: string;
  title?: string;
  status: 'processing' | 'ok' | 'failed';
  at: string;
}

export interface PlayletAlbum {
  albumId: string;
  title: string;
  seqNum: number;
  coverList: string[];
  year: number;
  tagList: string[];
  qualification: number;
  recordInfo?: Record<string, string>;
  /** episode_id by seq, and the open_video_id each one plays. */
  episodes: Record<string, { episodeId: string; videoId: string; title: string }>;
  state: 'draft' | 'in_review' | 'approved' | 'rejected' | 'online';
  version: number;
  auditMsg?: string;
  boundPath?: string;
  bound: string[];
}

export interface PlayletState {
  resources: PlayletResource[];
  albums: Record<string, PlayletAlbum>;
}

/** How long the platform takes to transcode a video before its callback (scaled by timeScale). */
const processingMs = 1000;
const newId = () => `7${Date.now()}${randomBytes(3).readUIntBE(0, 3)}`;

export function playletRoutes(ctx: RouteContext, control: { takeUploadFailure(title: string): boolean }): Record<string, Route> {
  const { state, save, send } = ctx;
  const ok = (data: unknown) => ({ err_no: 0, err_msg: '', log_id: `${Date.now()}`, data });
  const fail = (errNo: number, message: string) => ({ err_no: errNo, err_msg: message, log_id: `${Date.now()}` });
  const callbackUrl = `${ctx.apiUrl}/platform/douyin/playlet`;
  const deliver = (ref: string, type: string, msg: Record<string, unknown>) =>
    ctx.queue.enqueue({ id: randomBytes(8).toString('hex'), platform: 'douyin', kind: 'playlet', outOrderNo: ref, url: callbackUrl, payload: { type, msg: JSON.stringify({ ma_app_id: ctx.identity.douyin.appId, ...msg }), version: '2.0' } });

  /** Every playlet call carries a client token and, for resources and albums, our app id. */
  const authorised = async (req: IncomingMessage) => {
    if (ctx.tokenPlatform(String(req.headers['access-token'] ?? '')) !== 'douyin') return { error: fail(28001003, 'access-token invalid') };
    return { input: await ctx.readJson(req) };
  };
  const album = (id: unknown) => state.playlet.albums[String(id)];

  const decide = (a: PlayletAlbum) => {
    const decision = state.reviewDecisions[a.title] ?? { decision: 'approve' };
    if (decision.decision === 'hold') return;
    setTimeout(() => {
      if (a.state !== 'in_review') return;
      const approved = decision.decision === 'approve';
      a.state = approved ? 'approved' : 'rejected';
      a.auditMsg = approved ? undefined : (decision.reason ?? '内容不符合平台规范');
      save();
      deliver(a.albumId, 'album_audit', { album_id: a.albumId, audit_status: approved ? 2 : 1, audit_msg: a.auditMsg ?? '', version: a.version });
    }, reviewDelayMs * ctx.timeScale);
  };

  return {
    'POST /api/playlet/v2/resource/upload/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      if (input!.ma_app_id !== ctx.identity.douyin.appId) return send(res, 200, fail(28001001, 'ma_app_id does not match the token'));
      const type = Number(input!.resource_type);
      const meta = (type === 1 ? input!.video_meta : input!.image_meta) as { url?: unknown; title?: unknown } | undefined;
      if ((type !== 1 && type !== 2) || typeof meta?.url !== 'string') return send(res, 200, fail(28001001, 'resource_type 1 needs video_meta.url, 2 needs image_meta.url'));
      const resource: PlayletResource = { id: newId(), type: type === 1 ? 'video' : 'image', source: new URL(meta.url).pathname, title: typeof meta.title === 'string' ? meta.title : undefined, status: 'processing', at: new Date().toISOString() };
      if (resource.type === 'image') {
        const fetched = await pull(meta.url, 10 * 1024 * 1024);
        if (!fetched.ok || !isImage(fetched.bytes)) return send(res, 200, fail(28001001, `image_meta.url: ${fetched.ok ? 'not an image' : fetched.reason}`));
        resource.status = 'ok';
        state.playlet.resources.push(resource);
        save();
        return send(res, 200, ok({ image_result: { open_pic_id: resource.id } }));
      }
      state.playlet.resources.push(resource);
      save();
      send(res, 200, ok({ video_result: { open_video_id: resource.id } }));
      // The platform fetches and transcodes the video (a second here), then calls back.
      const fetched = await pull(meta.url);
      const success = fetched.ok && isMp4(fetched.bytes) && !control.takeUploadFailure(resource.title ?? '');
      setTimeout(() => {
        resource.status = success ? 'ok' : 'failed';
        save();
        deliver(resource.id, 'upload_video', { open_video_id: resource.id, success });
      }, processingMs * ctx.timeScale);
    },

    'POST /api/playlet/v2/video/create/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      if (input!.ma_app_id !== ctx.identity.douyin.appId) return send(res, 200, fail(28001001, 'ma_app_id does not match the token'));
      const info = (input!.album_info ?? {}) as Record<string, unknown>;
      const covers = Array.isArray(info.cover_list) ? info.cover_list.map(String) : [];
      const tags = Array.isArray(info.tag_list) ? info.tag_list.map(String) : [];
      const problems = [
        typeof info.title !== 'string' || !info.title.trim() ? 'title' : '',
        !Number.isInteger(info.seq_num) || (info.seq_num as number) < 1 ? 'seq_num' : '',
        !covers.length || covers.some((c) => !state.playlet.resources.some((r) => r.id === c && r.type === 'image')) ? 'cover_list' : '',
        !Number.isInteger(info.year) ? 'year' : '',
        tags.length < 1 || tags.length > 3 ? 'tag_list (1–3)' : '',
        info.qualification !== 1 && info.qualification !== 2 ? 'qualification' : '',
        info.qualification === 2 && !Object.values((info.record_info ?? {}) as Record<string, unknown>).some((v) => typeof v === 'string' && v) ? 'record_info' : '',
      ].filter(Boolean);
      if (problems.length) return send(res, 200, fail(28001001, `album_info: ${problems.join(', ')}`));
      const a: PlayletAlbum = {
        albumId: newId(),
        title: String(info.title),
        seqNum: info.seq_num as number,
        coverList: covers,
        year: info.year as number,
        tagList: tags,
        qualification: info.qualification as number,
        recordInfo: info.record_info as Record<string, string> | undefined,
        episodes: {},
        state: 'draft',
        version: 0,
        bound: [],
      };
      state.playlet.albums[a.albumId] = a;
      save();
      send(res, 200, ok({ album_id: a.albumId }));
    },

    'POST /api/playlet/v2/video/edit/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      const a = album(input!.album_id);
      if (!a) return send(res, 200, fail(28001005, 'album not found'));
      const list = Array.isArray(input!.episode_info_list) ? (input!.episode_info_list as Array<Record<string, unknown>>) : [];
      if (list.length > 100) return send(res, 200, fail(28001001, 'episode_info_list takes at most 100 episodes'));
      for (const e of list) {
        const seq = Number(e.seq);
        const video = state.playlet.resources.find((r) => r.id === String(e.open_video_id) && r.type === 'video');
        if (!Number.isInteger(seq) || seq < 1 || seq > a.seqNum) return send(res, 200, fail(28001001, `seq ${String(e.seq)} outside 1..${a.seqNum}`));
        if (!video || video.status !== 'ok') return send(res, 200, fail(28001001, `open_video_id ${String(e.open_video_id)} is not a processed video`));
      }
      const map: Record<string, string> = {};
      for (const e of list) {
        const seq = String(e.seq);
        const episodeId = a.episodes[seq]?.episodeId ?? newId();
        a.episodes[seq] = { episodeId, videoId: String(e.open_video_id), title: String(e.title ?? '') };
        map[seq] = episodeId;
      }
      save();
      send(res, 200, ok({ album_id: a.albumId, episode_id_map: map }));
    },

    'POST /api/playlet/v2/video/review/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      const a = album(input!.album_id);
      if (!a) return send(res, 200, fail(28001005, 'album not found'));
      if (Object.keys(a.episodes).length !== a.seqNum) return send(res, 200, fail(28001001, `the album has ${Object.keys(a.episodes).length} of its ${a.seqNum} episodes`));
      a.version++;
      a.state = 'in_review';
      save();
      decide(a);
      send(res, 200, ok({ version: a.version }));
    },

    'POST /api/playlet/v2/album/online/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      const a = album(input!.album_id);
      if (!a) return send(res, 200, fail(28001005, 'album not found'));
      if (Number(input!.operate) !== 2 || String(input!.version) !== String(a.version)) return send(res, 200, fail(28001001, 'operate 2 and the approved version are required'));
      if (a.state !== 'approved' && a.state !== 'online') return send(res, 200, fail(28001001, `album is ${a.state}, not approved`));
      a.state = 'online';
      save();
      send(res, 200, ok({}));
    },

    'POST /api/playlet/v2/album/bind/': async (req, _url, res) => {
      const { input, error } = await authorised(req);
      if (error) return send(res, 200, error);
      const bind = (input!.single_schema_bind ?? {}) as { album_id?: unknown; episode_id?: unknown; path?: unknown };
      const a = album(bind.album_id);
      if (!a || Number(input!.schema_bind_type) !== 1) return send(res, 200, fail(28001005, 'schema_bind_type 1 with a known album_id is required'));
      if (a.state !== 'online') return send(res, 200, fail(28001001, 'only an online album can be bound'));
      if (!Object.values(a.episodes).some((e) => e.episodeId === String(bind.episode_id)) || typeof bind.path !== 'string' || !bind.path) return send(res, 200, fail(28001001, 'episode_id and path are required'));
      a.boundPath = bind.path;
      if (!a.bound.includes(String(bind.episode_id))) a.bound.push(String(bind.episode_id));
      save();
      send(res, 200, ok({}));
    },

    // What the sandbox received (API.md): albums with their episode count, state and bound page.
    'GET /playlet/albums': async (_req, _url, res) =>
      send(res, 200, {
        items: Object.values(state.playlet.albums).map((a) => ({ albumId: a.albumId, title: a.title, episodes: Object.keys(a.episodes).length, state: a.state, ...(a.boundPath ? { boundPath: a.boundPath } : {}), version: a.version, bound: a.bound.length, recordInfo: a.recordInfo, qualification: a.qualification })),
      }),

    // Every resource uploaded, in order (tests count them: nothing is uploaded twice).
    'GET /playlet/resources': async (_req, _url, res) => send(res, 200, { items: state.playlet.resources }),
  };
}
