import type { Series } from '../catalog/catalog';
import { episodeKey, variantPicks } from '../forensics/code';
import type { HlsLayout } from '../media/hls';
import { segmentKey } from '../media/hls';
import { servePlaylist, signPlaylistUrl, type PlaylistPorts, type ViewerMarks } from './playlist';

const secret = 'unit-test-mark-secret-0123456789abcdef';
const now = new Date('2026-12-01T08:00:00Z');
const layout: HlsLayout = {
  rev: 'abc123def456',
  segmentsS: [...Array(26).fill(1), 0.5],
  variants: 4,
  fps: 24,
  frames: 636,
  width: 540,
  height: 960,
  printsKey: 'media/hls/s/4/abc123def456/fingerprints.bin',
  bytes: 1,
  psnr: { min: 46, mean: 48 },
};
const series: Series = {
  id: 'the-heiress-returns', title: 't', genre: '逆袭', synopsis: '', tags: [], coverKey: 'covers/x.jpg', freeEpisodes: 3,
  episodePriceCoins: 30, seriesPriceFen: 990, previewS: 0, adDailyCap: 0, order: 0, published: true,
  episodes: [{ index: 4, title: '第4集', durationS: 26.5, mediaKey: 'media/the-heiress-returns/ep-004.mp4', hls: layout }],
};

/** Mark ids handed out in order, and the recipients recorded: the port's semantics, in memory. */
function memoryMarks(): ViewerMarks & { recipients: string[] } {
  const ids = new Map<string, number>();
  const recipients: string[] = [];
  return {
    recipients,
    async markIdOf(userId) {
      if (!ids.has(userId)) ids.set(userId, ids.size);
      return ids.get(userId)!;
    },
    async recordRecipient(seriesId, episode, userId) {
      recipients.push(`${seriesId}#${episode}#${userId}`);
    },
  };
}

const ports = (marks = memoryMarks()): PlaylistPorts & { marks: ReturnType<typeof memoryMarks> } => ({
  catalog: { listSeries: async () => [series], getSeries: async (id) => (id === series.id ? series : undefined) },
  marks,
  signSegment: (key, userId, expiresInS, at) => `https://media.example/${key}?user=${userId}&exp=${expiresInS}&at=${at.getTime()}`,
  secret,
  now: () => now,
});

const viewerA = 'u_aaaaaaaaaaaaaaaaaaaaaaaa';
const viewerB = 'u_bbbbbbbbbbbbbbbbbbbbbbbb';
const queryOf = (url: string) => {
  const q = new URL(url).searchParams;
  return { u: q.get('u')!, x: Number(q.get('x')), s: q.get('s')! };
};
const linkFor = (userId: string, expiresAt = new Date(now.getTime() + 300_000)) => signPlaylistUrl('https://api.example', secret, series.id, 4, userId, expiresAt);

describe('per-viewer playlist', () => {
  it('lists every segment once, each the variant the viewer\'s code picks, signed for the viewer', async () => {
    const p = ports();
    const url = linkFor(viewerA);
    expect(new URL(url).pathname).toBe('/playlists/the-heiress-returns/4/index.m3u8');
    const text = await servePlaylist({ seriesId: series.id, episode: 4, ...queryOf(url) }, p);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines).toContain('#EXT-X-TARGETDURATION:1');
    expect(lines[lines.length - 1]).toBe('#EXT-X-ENDLIST');
    expect(lines.filter((l) => l.startsWith('#EXTINF:'))).toEqual([...Array(26).fill('#EXTINF:1.000,'), '#EXTINF:0.500,']);
    const picks = variantPicks(0, secret, episodeKey(secret, series.id, 4, 27));
    const segments = lines.filter((l) => l.startsWith('https://'));
    expect(segments).toEqual(Array.from(picks, (v, j) => `https://media.example/${segmentKey(secret, series.id, 4, layout.rev, j, v)}?user=${viewerA}&exp=300&at=${now.getTime()}`));
    expect(p.marks.recipients).toEqual([`${series.id}#4#${viewerA}`]);
  });

  it('builds another viewer a different playlist of the same segments', async () => {
    const p = ports();
    const a = await servePlaylist({ seriesId: series.id, episode: 4, ...queryOf(linkFor(viewerA)) }, p);
    const b = await servePlaylist({ seriesId: series.id, episode: 4, ...queryOf(linkFor(viewerB)) }, p);
    const keys = (t: string) => t.split('\n').filter((l) => l.startsWith('https://')).map((l) => l.split('?')[0]);
    expect(keys(a)).toHaveLength(keys(b).length);
    expect(keys(a).filter((k, j) => k !== keys(b)[j]).length).toBeGreaterThanOrEqual(6);
    expect(keys(a).every((k, j) => k.slice(0, -20) === keys(b)[j].slice(0, -20))).toBe(true); // same segment, other variant
  });

  it('refuses a link handed to another viewer, a forged or expired one, and an episode without HLS', async () => {
    const p = ports();
    const good = queryOf(linkFor(viewerA));
    await expect(servePlaylist({ seriesId: series.id, episode: 4, ...good, u: viewerB }, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(servePlaylist({ seriesId: series.id, episode: 4, ...good, s: '0'.repeat(64) }, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(servePlaylist({ seriesId: series.id, episode: 5, ...good }, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stale = queryOf(linkFor(viewerA, new Date(now.getTime() - 1000)));
    await expect(servePlaylist({ seriesId: series.id, episode: 4, ...stale }, p)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = queryOf(signPlaylistUrl('https://api.example', secret, series.id, 9, viewerA, new Date(now.getTime() + 300_000)));
    await expect(servePlaylist({ seriesId: series.id, episode: 9, ...other }, p)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(p.marks.recipients).toEqual([]);
  });
});
