/** Players pick HLS by the URL (Taro's H5 <Video> too): a playlist ends in `.m3u8`. */
export const isPlaylist = (src: string) => /\.m3u8($|\?)/i.test(src);

/**
 * Whether a <Video> error means the media cannot play and a fresh URL is needed. For an MP4 any error
 * does. On H5, Taro plays a playlist through hls.js and reports every hls.js network or media notice
 * as an error while hls.js recovers by itself (a gap at the start of a segment, a stall); only an HTTP
 * refusal (the signed links expired, 403) needs a new playlist.
 */
export function needsFreshUrl(src: string, detail: unknown): boolean {
  if (!isPlaylist(src) || process.env.TARO_ENV !== 'h5') return true;
  const response = (detail as { errMsg?: unknown } | undefined)?.errMsg as { code?: unknown } | undefined;
  return typeof response === 'object' && response !== null && typeof response.code === 'number' && response.code >= 400;
}
