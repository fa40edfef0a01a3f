import { useStackEnv } from '../support/use-stack-env';
import { apiEvent, bodyOf } from '../support/api-event';
import { loadHandlers } from '../support/handlers';
import { presignGet } from '../../functions/src/adapters/media-url';
import { playUrlTtlS, type EntitlementRequiredBody, type PlayOutput } from '@drama/shared/playback';
import type { ListSeriesOutput, SeriesSummary } from '@drama/shared/catalog';

const stack = useStackEnv('integration');
let h: Awaited<ReturnType<typeof loadHandlers>>;
let series: SeriesSummary;
let token: string;
let userId: string;

beforeAll(async () => {
  h = await loadHandlers();
  series = bodyOf<ListSeriesOutput>(await h.listSeries(apiEvent({ method: 'GET', path: '/series' }))).items[0];
  ({ token, user: { id: userId } } = await h.signIn('play-viewer'));
});

const play = (body: unknown, t: string | null = token) => h.play(apiEvent({ method: 'POST', path: '/play', body, token: t ?? undefined }));

describe('POST /play', () => {
  it('returns a per-viewer URL that expires within 600 s for a free episode, and it plays', async () => {
    const before = Date.now();
    const result = await play({ seriesId: series.id, episode: 1 });
    expect(result.statusCode).toBe(200);
    const out = bodyOf<PlayOutput>(result);
    const ttl = Date.parse(out.expiresAt) - before;
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600_000);
    expect(new URL(out.url).searchParams.get('x-drama-user')).toBe(userId);

    const media = await fetch(out.url);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await media.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // faststart: the movie header comes before the media data.
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
  });

  it('serves byte ranges with 206, including suffix ranges', async () => {
    const { url } = bodyOf<PlayOutput>(await play({ seriesId: series.id, episode: 2 }));
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    const first = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${whole.length}`);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(whole.subarray(0, 100));
    const last = await fetch(url, { headers: { range: 'bytes=-500' } });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer())).toEqual(whole.subarray(whole.length - 500));
  });

  it('refuses tampered, unsigned and expired media URLs with 403', async () => {
    const { url } = bodyOf<PlayOutput>(await play({ seriesId: series.id, episode: 1 }));
    // Another object (a locked episode's upload) under this URL's signature.
    const lockedKey = url.replace(/[^/?]+\.mp4\?/, `ep-00${series.freeEpisodes + 1}.mp4?`);
    expect(lockedKey).not.toBe(url);
    const otherViewer = url.replace(`x-drama-user=${userId}`, 'x-drama-user=u_someone');
    const unsigned = url.split('?')[0];
    const expired = await presignGet({
      location: { endpoint: stack.urls.MEDIA, bucket: stack.mediaBucket, pathStyle: true, region: stack.apiEnv.AWS_REGION },
      key: `media/${series.id}/ep-001.mp4`,
      userId,
      credentials: { accessKeyId: stack.apiEnv.AWS_ACCESS_KEY_ID, secretAccessKey: stack.apiEnv.AWS_SECRET_ACCESS_KEY },
      expiresInS: playUrlTtlS,
      now: new Date(Date.now() - (playUrlTtlS + 1) * 1000),
    });
    for (const bad of [lockedKey, otherViewer, unsigned, expired]) {
      expect((await fetch(bad)).status).toBe(403);
    }
  });

  it('stops a paid episode at the paywall with the offers', async () => {
    const result = await play({ seriesId: series.id, episode: series.freeEpisodes + 1 });
    expect(result.statusCode).toBe(402);
    const body = bodyOf<EntitlementRequiredBody>(result);
    expect(body.code).toBe('ENTITLEMENT_REQUIRED');
    expect(body.offers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'coins', coins: series.episodePriceCoins }),
        { kind: 'series', priceFen: series.seriesPriceFen },
        expect.objectContaining({ kind: 'membership', plan: 'month' }),
        { kind: 'ad' },
      ]),
    );
  });

  it('answers bad input with 4xx and a code, never 5xx', async () => {
    const cases: Array<[unknown, number]> = [
      [{ seriesId: series.id, episode: 0 }, 400],
      [{ seriesId: series.id, episode: -1 }, 400],
      [{ seriesId: series.id, episode: 1.5 }, 400],
      [{ seriesId: series.id, episode: '1' }, 400],
      [{ seriesId: series.id }, 400],
      [{ seriesId: 42, episode: 1 }, 400],
      [{ seriesId: series.id, episode: 99 }, 404],
      [{ seriesId: 'no-such-drama', episode: 1 }, 404],
      [[], 400],
      [null, 400],
    ];
    for (const [body, status] of cases) {
      const result = await play(body);
      expect([JSON.stringify(body), result.statusCode]).toEqual([JSON.stringify(body), status]);
      expect(bodyOf(result).code).toMatch(/^[A-Z_]+$/);
    }
    const malformed = await h.play(apiEvent({ method: 'POST', path: '/play', rawBody: '{"seriesId":', token }));
    expect(malformed.statusCode).toBe(400);
  });

  it('needs a valid token', async () => {
    for (const t of [null, 'garbage', `${token}x`, token.replace(/\.[^.]+$/, '.AAAA')]) {
      const result = await play({ seriesId: series.id, episode: 1 }, t);
      expect(result.statusCode).toBe(401);
      expect(bodyOf(result).code).toBe('UNAUTHORIZED');
    }
  });
});
