import Taro from '@tarojs/taro';

/**
 * On Douyin, an episode whose album is online in Douyin's playlet library plays in Douyin's playlet
 * player, opened by album and episode id (PLATFORM.md §6: the playlet plugin extension). Entitlement
 * stays ours: POST /play answered first (a locked episode shows our paywall, not the player).
 * Elsewhere (WeChat, H5) this does nothing and our <Video> plays the URL.
 */
export const playletPluginUrl = (albumId: string, episodeId: string) =>
  `ttf57583c86a3aace011://playlet-plugin?tt_album_id=${encodeURIComponent(albumId)}&tt_episode_id=${encodeURIComponent(episodeId)}&is_continue=1`;

/** Opens Douyin's player for an entitled episode; false when this build is not Douyin's or the album is not online. */
export function openInPlayletPlayer(playlet: { albumId: string; episodeId: string } | undefined): boolean {
  if (process.env.TARO_ENV !== 'tt' || !playlet) return false;
  void Taro.navigateTo({ url: playletPluginUrl(playlet.albumId, playlet.episodeId) });
  return true;
}
