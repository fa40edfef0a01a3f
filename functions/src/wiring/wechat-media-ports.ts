import { wechatMediaAssets } from '../adapters/platform/wechat-vod';

/** WeChat's media assets (媒资管理): the publish driver's uploads and reviews, and /play's temporary links. */
export const mediaAssets = wechatMediaAssets();
/** What /play needs of the platforms' media: WeChat's temporary links. */
export const platformMedia = { wechatLink: (mediaId: string, expiresAt: Date) => mediaAssets.mediaLink(mediaId, expiresAt) };
