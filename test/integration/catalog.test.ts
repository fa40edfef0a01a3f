import { useStackEnv } from '../support/use-stack-env';
import { apiEvent, bodyOf } from '../support/api-event';
import { loadHandlers } from '../support/handlers';
import { testEpisodes } from '../support/stack-setup';
import type { GetSeriesOutput, ListSeriesOutput } from '@drama/shared/catalog';
import { seedSeries } from '../../functions/local/seed/catalog';

const seeded = new Set(seedSeries.map((s) => s.id));

useStackEnv('integration');
let h: Awaited<ReturnType<typeof loadHandlers>>;
beforeAll(async () => {
  h = await loadHandlers();
});

const getSeries = (seriesId: string, token?: string) =>
  h.getSeries(apiEvent({ method: 'GET', path: `/series/${seriesId}`, pathParameters: { seriesId }, token }));

describe('GET /series', () => {
  it('lists the seeded dramas, one per genre, with public covers', async () => {
    const result = await h.listSeries(apiEvent({ method: 'GET', path: '/series' }));
    expect(result.statusCode).toBe(200);
    const items = bodyOf<ListSeriesOutput>(result).items.filter((s) => seeded.has(s.id));
    expect(items.length).toBe(seedSeries.length);
    expect(new Set(items.map((s) => s.genre))).toEqual(new Set(['逆袭', '甜宠', '悬疑']));
    for (const s of items) {
      expect(s.episodeCount).toBe(testEpisodes);
      expect(Number.isInteger(s.seriesPriceFen)).toBe(true);
      const cover = await fetch(s.cover);
      expect(cover.status).toBe(200);
      expect(cover.headers.get('content-type')).toBe('image/jpeg');
    }
  });
});

describe('GET /series/{id}', () => {
  it('marks free episodes open and paid ones locked, for anonymous and signed-in callers', async () => {
    const { items } = bodyOf<ListSeriesOutput>(await h.listSeries(apiEvent({ method: 'GET', path: '/series' })));
    const first = items[0];
    const { token } = await h.signIn('catalog-viewer');
    for (const t of [undefined, token]) {
      const result = await getSeries(first.id, t);
      expect(result.statusCode).toBe(200);
      const { series, episodes } = bodyOf<GetSeriesOutput>(result);
      expect(series.id).toBe(first.id);
      expect(episodes.map((e) => e.index)).toEqual(Array.from({ length: testEpisodes }, (_, i) => i + 1));
      for (const e of episodes) {
        expect(e.free).toBe(e.index <= first.freeEpisodes);
        expect(e.locked).toBe(!e.free);
        expect(e.durationS).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('answers 404 for an unknown series and 400 for a malformed id', async () => {
    const missing = await getSeries('no-such-drama');
    expect(missing.statusCode).toBe(404);
    expect(bodyOf(missing).code).toBe('NOT_FOUND');
    const malformed = await getSeries('../etc/passwd');
    expect(malformed.statusCode).toBe(400);
    expect(bodyOf(malformed).code).toBe('BAD_REQUEST');
  });

  it('answers 401 to a forged token rather than treating it as anonymous', async () => {
    const { items } = bodyOf<ListSeriesOutput>(await h.listSeries(apiEvent({ method: 'GET', path: '/series' })));
    const result = await getSeries(items[0].id, 'eyJhbGciOiJIUzI1NiJ9.e30.forged');
    expect(result.statusCode).toBe(401);
  });
});
