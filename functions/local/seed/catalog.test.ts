import { seedSeries } from './catalog';

describe('seed catalog', () => {
  it('has at least one series of each genre, with unique kebab-case ids', () => {
    expect(seedSeries.length).toBeGreaterThanOrEqual(3);
    for (const genre of ['逆袭', '甜宠', '悬疑'] as const) {
      expect(seedSeries.some((s) => s.genre === genre)).toBe(true);
    }
    const ids = seedSeries.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(seedSeries.map((s) => [s.id, s] as const))('%s: prices, synopsis and tags', (_id, s) => {
    expect(s.title.length).toBeGreaterThan(0);
    expect(s.synopsis.length).toBeGreaterThan(30);
    expect(s.tags.length).toBeGreaterThan(0);
    for (const n of [s.freeEpisodes, s.episodePriceCoins, s.seriesPriceFen]) expect(Number.isInteger(n)).toBe(true);
    expect(s.freeEpisodes).toBeGreaterThanOrEqual(3);
    expect(s.freeEpisodes).toBeLessThanOrEqual(5);
    expect(s.episodePriceCoins).toBeGreaterThan(0);
    expect(s.seriesPriceFen).toBeGreaterThan(0);
    expect(s.freeEpisodes).toBeLessThan(s.episodes.length);
  });

  it.each(seedSeries.map((s) => [s.id, s] as const))('%s: 12+ episodes of 10–30 s with timed lines inside them', (_id, s) => {
    expect(s.episodes.length).toBeGreaterThanOrEqual(12);
    s.episodes.forEach((ep, i) => {
      expect(ep.index).toBe(i + 1);
      expect(ep.title.length).toBeGreaterThan(0);
      expect(ep.durationS).toBeGreaterThanOrEqual(10);
      expect(ep.durationS).toBeLessThanOrEqual(30);
      expect(ep.lines.length).toBeGreaterThanOrEqual(4);
      expect(ep.lines.length).toBeLessThanOrEqual(8);
      let prevEnd = 0;
      for (const line of ep.lines) {
        expect(line.text.length).toBeGreaterThan(0);
        expect(line.startS).toBeGreaterThanOrEqual(prevEnd);
        expect(line.endS).toBeGreaterThan(line.startS);
        expect(line.endS).toBeLessThanOrEqual(ep.durationS);
        prevEnd = line.endS;
      }
    });
  });
});
