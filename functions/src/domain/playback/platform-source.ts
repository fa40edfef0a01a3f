import { playableOn } from '@drama/shared/going-live';
import { reviewOf, type Series } from '../catalog/catalog';

/**
 * Where a viewer's media comes from on their platform, once the entitlement rule let them play: on
 * WeChat an approved drama plays from WeChat's media assets (a temporary link, getmedialink); on
 * Douyin an album that is online plays in Douyin's playlet player (by album and episode id, its
 * unlock hook asking our API); anywhere else, and for dramas not yet there, our own signed media.
 */
export interface PlatformMedia {
  /** WeChat's temporary link to an approved episode, valid until `expiresAt`. */
  wechatLink(mediaId: string, expiresAt: Date): Promise<string>;
}

export type PlatformSource = { source: 'wechat'; mediaId: string } | { source: 'douyin_playlet'; playlet: { albumId: string; episodeId: string } } | { source: 'own' };

export function platformSource(series: Series, episode: number, viewerPlatform: string | undefined): PlatformSource {
  const review = reviewOf(series);
  if (viewerPlatform === 'wechat' && playableOn(review.wechat.state)) {
    const mediaId = series.platformIds?.wechat?.mediaIds[episode];
    if (mediaId) return { source: 'wechat', mediaId };
  }
  if (viewerPlatform === 'douyin' && review.douyin.state === 'online') {
    const album = series.platformIds?.douyin;
    const episodeId = album?.episodeIds[episode];
    if (album && episodeId) return { source: 'douyin_playlet', playlet: { albumId: album.albumId, episodeId } };
  }
  return { source: 'own' };
}
