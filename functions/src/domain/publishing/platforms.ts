import type { BudgetTier } from '@drama/shared/going-live';

/**
 * The two media libraries as the publish jobs need them. Their adapters speak the platforms' own
 * formats (adapters/platform/douyin-playlet.ts, wechat-vod.ts); failures are PlatformErrors.
 */

/** What both platforms are told about a drama's review qualification. */
export interface Qualification {
  budgetTier: BudgetTier;
  /** 备案号 / 发行许可证号, as burned into the opening seconds. */
  licence: string;
}

/** Douyin's playlet library (抖音短剧内容库, /api/playlet/v2/). */
export interface PlayletLibrary {
  /** resource/upload, resource_type 2 → open_pic_id. */
  uploadImage(url: string): Promise<string>;
  /** resource/upload, resource_type 1 → open_video_id; the result comes later as an upload_video callback. */
  uploadVideo(video: { url: string; title: string; description: string }): Promise<string>;
  /** video/create → album_id. */
  createAlbum(album: {
    title: string;
    episodeCount: number;
    coverIds: string[];
    year: number;
    /** At most 3, most important first. */
    tags: string[];
    description: string;
    qualification: Qualification;
  }): Promise<string>;
  /** video/edit with up to 100 episodes → their episode ids by seq. */
  addEpisodes(albumId: string, episodes: Array<{ seq: number; title: string; coverId: string; videoId: string }>): Promise<Record<number, string>>;
  /** video/review → the album version under review. */
  submitReview(albumId: string): Promise<string>;
  /** album/online for the approved version. */
  putOnline(albumId: string, version: string): Promise<void>;
  /** album/bind: the episode opens this mini-program page. */
  bind(albumId: string, episodeId: string, path: string, params: Record<string, string>): Promise<void>;
}

export type PullTask = { status: 'running' } | { status: 'done'; mediaId: string } | { status: 'failed'; reason: string };

/** WeChat's media assets (媒资管理, /wxa/sec/vod/). */
export interface MediaAssets {
  /** A temporary material (cgi-bin/media/upload) from one of our objects → its media_id (the "material_id"). */
  uploadMaterial(url: string, fileName: string): Promise<string>;
  /** pullupload: the platform fetches `mediaUrl` → task_id. */
  pullUpload(name: string, mediaUrl: string, coverUrl: string): Promise<string>;
  /** gettask. */
  task(taskId: string): Promise<PullTask>;
  /** listmedia by exact file name: an upload a crash left unrecorded. */
  findMedia(name: string): Promise<string | undefined>;
  /** auditdrama → drama_id. */
  auditDrama(drama: {
    dramaId?: string;
    name: string;
    mediaIds: string[];
    description: string;
    producer: string;
    coverMaterialId: string;
    qualification: Qualification;
    costReportMaterialId?: string;
  }): Promise<string>;
  /** The reviewers' notes on a drama's episodes (listmedia by drama_id). */
  rejectionReasons(dramaId: string): Promise<string[]>;
  /** getmedialink: a temporary link to an approved episode, valid until `expiresAt` (≤ 2 h). */
  mediaLink(mediaId: string, expiresAt: Date): Promise<string>;
}

/** Signed URLs the platforms pull our objects from. */
export interface PullUrls {
  /** A presigned GET for a private object, valid `ttlS`. */
  objectUrl(key: string, ttlS: number): Promise<string>;
  /** Covers are public. */
  coverUrl(key: string): string;
}

/** WeChat's file name for an episode: "剧名 - 第N集" (no special characters at the ends). */
export function wechatMediaName(title: string, index: number): string {
  return `${title.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')} - 第${index}集`;
}
