import { ingestCatalog, ingestCurrent, ingestEpisode, type IngestPorts, type IngestState, type IngestTarget } from './preview';

/** Episode items with the store's conditions: steps land only while the episode has the job's media. */
function memoryEpisodes(targets: IngestTarget[]) {
  const items = new Map(targets.map((t) => [`${t.seriesId}#${t.index}`, { mediaKey: t.mediaKey, ingest: undefined as IngestState | undefined }]));
  const cuts: Array<{ from: string; to: string; seconds: number }> = [];
  const ports: IngestPorts & { cutHook?: () => void } = {
    store: {
      async begin(seriesId, index, source, now) {
        const item = items.get(`${seriesId}#${index}`)!;
        if (item.mediaKey !== source) return false;
        if (item.ingest?.source !== source) item.ingest = { source, startedAt: now.toISOString() };
        return true;
      },
      async completeStep(seriesId, index, source, step, record) {
        const item = items.get(`${seriesId}#${index}`)!;
        if (item.mediaKey !== source || item.ingest?.source !== source) return false;
        item.ingest = { ...item.ingest, [step]: record };
        return true;
      },
    },
    previews: {
      async cut(from, to, seconds) {
        cuts.push({ from, to, seconds });
        ports.cutHook?.();
        return { durationS: seconds + 0.02 };
      },
    },
    now: () => new Date('2026-06-01T00:00:00Z'),
    log: () => undefined,
  };
  const current = (t: IngestTarget): IngestTarget => ({ ...t, mediaKey: items.get(`${t.seriesId}#${t.index}`)!.mediaKey, ingest: items.get(`${t.seriesId}#${t.index}`)!.ingest });
  return { items, cuts, ports, current };
}

const target = (index: number, over: Partial<IngestTarget> = {}): IngestTarget => ({ seriesId: 's', index, mediaKey: `media/s/ep-${index}.mp4`, durationS: 40, freeEpisodes: 2, previewS: 15, ...over });

describe('the episode ingest', () => {
  it('cuts previews of the paid episodes only, once, beside the episode', async () => {
    const m = memoryEpisodes([target(1), target(3), target(4, { durationS: 20 })]);
    const series = { id: 's', freeEpisodes: 2, previewS: 15, episodes: [1, 3, 4].map((i) => ({ index: i, mediaKey: `media/s/ep-${i}.mp4`, durationS: i === 4 ? 20 : 40 })) };
    expect(await ingestCatalog([series as never], m.ports)).toEqual({ done: 3, superseded: 0, failed: 0 });
    expect(m.cuts).toEqual([
      { from: 'media/s/ep-3.mp4', to: 'media/s/ep-3.preview-15s.mp4', seconds: 15 },
      { from: 'media/s/ep-4.mp4', to: 'media/s/ep-4.preview-10s.mp4', seconds: 10 },
    ]);
    expect(m.items.get('s#3')!.ingest?.preview).toMatchObject({ key: 'media/s/ep-3.preview-15s.mp4', requestedS: 15, durationS: 15.02 });
    expect(ingestCurrent(m.current(target(3)))).toBe(true);
  });

  it('cuts again when the series asks for another length, and restarts for new media', async () => {
    const m = memoryEpisodes([target(3)]);
    await ingestEpisode(target(3), m.ports);
    await ingestEpisode({ ...m.current(target(3)), previewS: 8 }, m.ports);
    expect(m.cuts.map((c) => c.seconds)).toEqual([15, 8]);
    m.items.get('s#3')!.mediaKey = 'media/s/ep-3-v2.mp4';
    expect(ingestCurrent(m.current(target(3)))).toBe(false);
    expect(await ingestEpisode(m.current(target(3)), m.ports)).toBe('done');
    expect(m.items.get('s#3')!.ingest).toMatchObject({ source: 'media/s/ep-3-v2.mp4', preview: { key: 'media/s/ep-3-v2.preview-15s.mp4' } });
  });

  it('writes nothing when the media changes while a step runs (the next run takes over)', async () => {
    const m = memoryEpisodes([target(3)]);
    m.ports.cutHook = () => (m.items.get('s#3')!.mediaKey = 'media/s/replaced.mp4');
    expect(await ingestEpisode(target(3), m.ports)).toBe('superseded');
    expect(m.items.get('s#3')!.ingest?.preview).toBeUndefined();
  });
});
