import { revOf, runIngest, type IngestJob, type IngestStep, type IngestStore } from './ingest';

/** The store's semantics (conditional writes on the job of one source) in memory. */
function memoryStore(): IngestStore & { jobs: Map<string, IngestJob & { leaseUntil?: number }> } {
  const jobs = new Map<string, IngestJob & { leaseUntil?: number }>();
  const id = (j: { seriesId: string; episode: number }) => `${j.seriesId}#${j.episode}`;
  return {
    jobs,
    async open(ref, rev) {
      const current = jobs.get(id(ref));
      if (current?.sourceKey === ref.sourceKey) return { ...current, steps: { ...current.steps } };
      const job = { ...ref, rev, steps: {} };
      jobs.set(id(ref), { ...job });
      return job;
    },
    async claim(job, until, now) {
      const current = jobs.get(id(job));
      if (!current || current.sourceKey !== job.sourceKey || (current.leaseUntil ?? 0) >= now.getTime()) return false;
      current.leaseUntil = until.getTime();
      return true;
    },
    async release(job) {
      const current = jobs.get(id(job));
      if (current?.sourceKey === job.sourceKey) delete current.leaseUntil;
    },
    async complete(job, step, output) {
      const current = jobs.get(id(job));
      if (!current || current.sourceKey !== job.sourceKey || current.steps[step] !== undefined) return false;
      current.steps[step] = output;
      return true;
    },
  };
}

const ref = { seriesId: 's', episode: 4, sourceKey: 'media/s/ep-004.mp4' };
const now = () => new Date('2026-12-01T00:00:00Z');

describe('the episode ingest job', () => {
  it('runs its step once, records the output and skips it when re-driven', async () => {
    const store = memoryStore();
    let runs = 0;
    const step: IngestStep = { name: 'hls', run: async (job) => ({ rev: job.rev, n: ++runs }) };
    const first = await runIngest(ref, { store, steps: [step], now });
    expect(first).toEqual({ finished: true, job: expect.objectContaining({ rev: revOf(ref.sourceKey), steps: { hls: { rev: revOf(ref.sourceKey), n: 1 } } }) });
    const again = await runIngest(ref, { store, steps: [step], now });
    expect(again.finished).toBe(true);
    expect(runs).toBe(1);
  });

  it('lets a second run started meanwhile stop at once, and a failed run leave the job to the next', async () => {
    const store = memoryStore();
    let release: () => void = () => undefined;
    const slow: IngestStep = { name: 'hls', run: () => new Promise((r) => (release = () => r({ ok: true }))) };
    const first = runIngest(ref, { store, steps: [slow], now });
    await new Promise((r) => setImmediate(r));
    expect((await runIngest(ref, { store, steps: [slow], now })).finished).toBe(false);
    release();
    expect((await first).finished).toBe(true);

    const failing: IngestStep = { name: 'hls', run: async () => Promise.reject(new Error('ffmpeg failed')) };
    const other = { ...ref, episode: 5 };
    await expect(runIngest(other, { store, steps: [failing], now })).rejects.toThrow('ffmpeg failed');
    expect((await runIngest(other, { store, steps: [{ name: 'hls', run: async () => 'made' }], now })).job.steps).toEqual({ hls: 'made' });
  });

  it('starts over for new media, and a run of the old media cannot record onto it', async () => {
    const store = memoryStore();
    await runIngest(ref, { store, steps: [{ name: 'hls', run: async () => 'old' }], now });
    const replaced = { ...ref, sourceKey: 'media/s/new.mp4' };
    const stale = await store.open(ref, revOf(ref.sourceKey), now());
    const fresh = await runIngest(replaced, { store, steps: [{ name: 'hls', run: async () => 'new' }], now });
    expect(fresh.job).toMatchObject({ sourceKey: replaced.sourceKey, rev: revOf(replaced.sourceKey), steps: { hls: 'new' } });
    expect(await store.complete(stale, 'hls', 'late', now())).toBe(false);
  });
});
