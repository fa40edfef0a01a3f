import { isPlaylist, needsFreshUrl } from './media-error';

describe('media errors', () => {
  const playlist = 'https://api.example/playlists/s/4/index.m3u8?u=u_1&x=1&s=ab';
  const mp4 = 'https://media.example/drama/media/s/ep-001.mp4?X-Amz-Signature=ab';

  it('knows a playlist by its .m3u8 path', () => {
    expect(isPlaylist(playlist)).toBe(true);
    expect(isPlaylist(mp4)).toBe(false);
  });

  it('asks for a fresh URL on any MP4 error, but on a playlist only when a link was refused', () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'h5';
    try {
      expect(needsFreshUrl(mp4, { errMsg: 'MEDIA_ERR_NETWORK' })).toBe(true);
      expect(needsFreshUrl(playlist, { errMsg: 'fragment loaded with buffer holes, seeking from 0 to 0.18' })).toBe(false);
      expect(needsFreshUrl(playlist, { errMsg: { code: 0, text: '' } })).toBe(false);
      expect(needsFreshUrl(playlist, { errMsg: { code: 403, text: 'Forbidden' } })).toBe(true);
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});
