import type { BudgetTier } from '@drama/shared/going-live';
import { PlatformError } from '../../domain/publishing/job';
import type { PlayletLibrary, Qualification } from '../../domain/publishing/platforms';
import { dropToken, platformBase } from './access-tokens';
import { douyinClientToken } from './douyin-client-token';
import { secretsFor } from '../../lib/secrets';

const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID');

/**
 * Douyin's playlet library (抖音短剧内容库, `open.douyin.com/api/playlet/v2/`), with a client token in
 * the `access-token` header. Paths and body shapes are read from open-source backends' code (the
 * docs themselves were not reachable): `resource/upload`, `video/create` (album_info), `video/edit`
 * (episode_info_list → episode_id_map), `video/review` (→ version), `album/online` (operate 2),
 * `album/bind` (single_schema_bind). How the qualification and record_info map onto our budget tiers
 * and the tag ids are our reading (unconfirmed, README "Going live").
 */

/** Douyin's tag ids for the names our series use (from the same code's tag table); others are dropped. */
const tagIds: Record<string, string> = {
  医神: '1', 赘婿: '2', 战神: '4', 神医: '6', 重生: '7', 职场: '8', 逆袭: '9', 复仇: '10', 青春: '11', 家庭情感: '13', 都市情感: '18', 悬疑: '21', 悬疑推理: '21',
  虐恋: '22', 甜宠: '23', 萌宝: '26', 总裁: '28', 穿越: '30', 古装: '34', 奇幻: '37', 科幻: '38', 热血: '40', 搞笑: '42', 仙侠: '43', 其他: '46',
};

/** Record kinds by tier: 发行许可证 (national), 普通备案 (provincial), platform registration (under ¥300k). */
const recordKey: Record<BudgetTier, string> = { national: 'license_num', provincial: 'ordinary_record_num', platform: 'registration_num' };

export function albumQualification(q: Qualification): { qualification: 1 | 2; record_info?: Record<string, string> } {
  if (!q.licence) return { qualification: 1 };
  return { qualification: q.budgetTier === 'platform' ? 1 : 2, record_info: { [recordKey[q.budgetTier]]: q.licence } };
}

/** Error numbers that mean the request itself is wrong (retrying cannot help). */
const permanent = new Set([28001001, 28001005, 40001, 40002]);
const tokenRefused = new Set([28001003, 28001008]);

async function call<T>(path: string, body: Record<string, unknown>): Promise<T> {
  let token: string;
  try {
    token = await douyinClientToken();
  } catch (error) {
    throw new PlatformError((error as Error).message, true);
  }
  let reply: { err_no?: number; err_msg?: string; data?: T };
  try {
    const response = await fetch(`${platformBase('douyin')}/api/playlet/v2/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'access-token': token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    reply = (await response.json()) as typeof reply;
  } catch (error) {
    throw new PlatformError(`douyin ${path}: ${(error as Error).message}`, true);
  }
  const errNo = Number(reply.err_no ?? -1);
  if (errNo === 0) return (reply.data ?? {}) as T;
  if (tokenRefused.has(errNo)) dropToken('douyin');
  throw new PlatformError(`douyin ${path}: err_no ${errNo} ${reply.err_msg ?? ''}`.trim(), permanent.has(errNo));
}

export function douyinPlayletLibrary(): PlayletLibrary {
  const app = () => douyinApp().DOUYIN_APP_ID;
  return {
    async uploadImage(url) {
      const data = await call<{ image_result?: { open_pic_id?: string } }>('resource/upload/', { ma_app_id: app(), resource_type: 2, image_meta: { url } });
      if (!data.image_result?.open_pic_id) throw new PlatformError('douyin resource/upload: no open_pic_id', true);
      return data.image_result.open_pic_id;
    },

    async uploadVideo(video) {
      const data = await call<{ video_result?: { open_video_id?: string } }>('resource/upload/', {
        ma_app_id: app(),
        resource_type: 1,
        video_meta: { url: video.url, title: video.title, description: video.description, format: 'mp4', use_dy_cloud: false },
      });
      if (!data.video_result?.open_video_id) throw new PlatformError('douyin resource/upload: no open_video_id', true);
      return data.video_result.open_video_id;
    },

    async createAlbum(album) {
      const tags = album.tags.map((t) => tagIds[t]).filter(Boolean);
      const data = await call<{ album_id?: string }>('video/create/', {
        ma_app_id: app(),
        album_info: {
          title: album.title,
          seq_num: album.episodeCount,
          cover_list: album.coverIds,
          year: album.year,
          album_status: 3,
          recommendation: album.title,
          desp: album.description,
          tag_list: [...new Set(tags.length ? tags : [tagIds['其他']])].slice(0, 3),
          ...albumQualification(album.qualification),
        },
      });
      if (!data.album_id) throw new PlatformError('douyin video/create: no album_id', true);
      return String(data.album_id);
    },

    async addEpisodes(albumId, episodes) {
      if (episodes.length > 100) throw new PlatformError('video/edit takes at most 100 episodes', false);
      const data = await call<{ episode_id_map?: Record<string, string | number> }>('video/edit/', {
        ma_app_id: app(),
        album_id: albumId,
        episode_info_list: episodes.map((e) => ({ title: e.title, seq: e.seq, cover_list: [e.coverId], open_video_id: e.videoId })),
      });
      return Object.fromEntries(Object.entries(data.episode_id_map ?? {}).map(([seq, id]) => [Number(seq), String(id)]));
    },

    async submitReview(albumId) {
      const data = await call<{ version?: string | number }>('video/review/', { ma_app_id: app(), album_id: albumId });
      if (data.version === undefined) throw new PlatformError('douyin video/review: no version', true);
      return String(data.version);
    },

    async putOnline(albumId, version) {
      await call('album/online/', { album_id: albumId, operate: 2, version });
    },

    async bind(albumId, episodeId, path, params) {
      await call('album/bind/', {
        schema_bind_type: 1,
        single_schema_bind: { album_id: albumId, episode_id: episodeId, path, params: Object.entries(params).map(([key, value]) => ({ key, value })) },
      });
    },
  };
}
