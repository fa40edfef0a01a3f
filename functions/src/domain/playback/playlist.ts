import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PlaylistQuery } from '@drama/shared/forensics';
import { playUrlTtlS } from '@drama/shared/playback';
import type { CatalogReader } from '../catalog/catalog';
import { Forbidden, NotFound } from '../errors';
import { episodeKey, variantPicks } from '../forensics/code';
import { segmentKey } from '../media/hls';

/**
 * A viewer's HLS playlist of a paid episode. POST /play hands out its URL, signed (HMAC with a key
 * derived from the mark secret) over the series, episode, viewer and expiry; this use case checks
 * that signature, reads the viewer's mark id (one read), records that the viewer received this
 * episode (the trace's candidates) and lists, for every segment, the variant the viewer's code picks,
 * each URL presigned for the viewer. Nothing about the playlist is stored: it is built per request.
 */

export interface ViewerMarks {
  /** The viewer's mark id: given out once (dense, < 2^24) and kept. */
  markIdOf(userId: string): Promise<number>;
  /** Remembers that the viewer was handed this episode's marked copy. */
  recordRecipient(seriesId: string, episode: number, userId: string, now: Date): Promise<void>;
}

export interface PlaylistPorts {
  catalog: CatalogReader;
  marks: ViewerMarks;
  /** A presigned GET of a segment object for the viewer. */
  signSegment(key: string, userId: string, expiresInS: number, now: Date): string;
  secret: string;
  now: () => Date;
}

const urlKey = (secret: string) => createHmac('sha256', secret).update('playlist-url').digest();

function tokenOf(secret: string, seriesId: string, episode: number, userId: string, expiresAtS: number): string {
  return createHmac('sha256', urlKey(secret)).update(`${seriesId}/${episode}/${userId}/${expiresAtS}`).digest('hex');
}

/**
 * The playlist URL POST /play returns: `u` the viewer, `x` the expiry (epoch s), `s` the signature.
 * It ends in `.m3u8`: players pick HLS by that (Taro's H5 <Video> then plays it through hls.js).
 */
export function signPlaylistUrl(apiBase: string, secret: string, seriesId: string, episode: number, userId: string, expiresAt: Date): string {
  const x = Math.floor(expiresAt.getTime() / 1000);
  const query = new URLSearchParams({ u: userId, x: String(x), s: tokenOf(secret, seriesId, episode, userId, x) });
  return `${apiBase.replace(/\/$/, '')}/playlists/${encodeURIComponent(seriesId)}/${episode}/index.m3u8?${query}`;
}

export async function servePlaylist(input: { seriesId: string; episode: number } & PlaylistQuery, ports: PlaylistPorts): Promise<string> {
  const now = ports.now();
  const expected = Buffer.from(tokenOf(ports.secret, input.seriesId, input.episode, input.u, input.x), 'hex');
  const given = Buffer.from(input.s, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Forbidden('this playlist link is not valid');
  if (now.getTime() > input.x * 1000) throw new Forbidden('this playlist link has expired: ask POST /play again');

  const series = await ports.catalog.getSeries(input.seriesId);
  const layout = series?.episodes.find((e) => e.index === input.episode)?.hls;
  if (!layout) throw new NotFound(`episode ${input.episode} of ${input.seriesId} has no HLS copy`);
  const [markId] = await Promise.all([ports.marks.markIdOf(input.u), ports.marks.recordRecipient(input.seriesId, input.episode, input.u, now)]);

  const picks = variantPicks(markId, ports.secret, episodeKey(ports.secret, input.seriesId, input.episode, layout.segmentsS.length));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(Math.max(...layout.segmentsS))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  layout.segmentsS.forEach((duration, j) => {
    const key = segmentKey(ports.secret, input.seriesId, input.episode, layout.rev, j, picks[j]);
    lines.push(`#EXTINF:${duration.toFixed(3)},`, ports.signSegment(key, input.u, playUrlTtlS, now));
  });
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
