import type { AnalyticsEvent } from '@drama/shared/events';
import { onceWithin, type EventSink } from './events';

describe('onceWithin', () => {
  it('writes a replayed play once per window, other kinds and other episodes every time', async () => {
    const written: string[] = [];
    const sink: EventSink = { record: async (e) => void written.push(`${e.kind}:${e.episode ?? ''}`) };
    let t = 0;
    const events = onceWithin(sink, new Set(['play_start']), 1000, () => t);
    const play = (episode: number): Omit<AnalyticsEvent, 'at'> => ({ kind: 'play_start', userId: 'u', seriesId: 's', episode });
    await events.record(play(1));
    await events.record(play(1));
    await events.record(play(2));
    await events.record({ kind: 'checkin', userId: 'u', streak: 1 });
    await events.record({ kind: 'checkin', userId: 'u', streak: 1 });
    t = 1000;
    await events.record(play(1));
    expect(written).toEqual(['play_start:1', 'play_start:2', 'checkin:', 'checkin:', 'play_start:1']);
  });

  it('forgets the oldest keys beyond its bound', async () => {
    const written: number[] = [];
    const events = onceWithin({ record: async (e) => void written.push(e.episode!) }, new Set(['play_start']), 60_000, () => 0, 2);
    for (const episode of [1, 2, 3, 1]) await events.record({ kind: 'play_start', userId: 'u', episode });
    expect(written).toEqual([1, 2, 3, 1]);
  });
});
