import { eventually } from '../support/eventually';
import { operator, sandboxPlatform } from '../support/operator';
import { useStackEnv } from '../support/use-stack-env';
import type { ReviewPlatform } from '@drama/shared/going-live';

/**
 * Publish jobs killed at every point: a driver in this process (the real adapters: dynalite, the
 * sandbox platform) dies right after each of its writes in turn, as a Lambda killed between two steps
 * would, and a new driver takes the job on once the dead one's lease has run out. The platforms'
 * callbacks reach the API meanwhile, whose own drivers may carry the job forward too; either way each
 * episode reaches each platform once and the album and drama are made once.
 */
const stack = useStackEnv('integration');
const sandbox = sandboxPlatform(stack);
const run = Math.random().toString(36).slice(2, 7);

class Crash extends Error {}

type Modules = {
  catalog: typeof import('../../functions/src/adapters/dynamodb-catalog');
  job: typeof import('../../functions/src/domain/publishing/job');
  publication: typeof import('../../functions/src/domain/publishing/publication');
  ports: typeof import('../../functions/src/wiring/driver-ports');
  publishPorts: typeof import('../../functions/src/wiring/publish-ports');
  store: typeof import('../../functions/src/adapters/dynamodb-publish-jobs');
};
let m: Modules;
let ops: Awaited<ReturnType<typeof operator>>;

beforeAll(async () => {
  m = {
    catalog: await import('../../functions/src/adapters/dynamodb-catalog'),
    job: await import('../../functions/src/domain/publishing/job'),
    publication: await import('../../functions/src/domain/publishing/publication'),
    ports: await import('../../functions/src/wiring/driver-ports'),
    publishPorts: await import('../../functions/src/wiring/publish-ports'),
    store: await import('../../functions/src/adapters/dynamodb-publish-jobs'),
  };
  ops = await operator(stack);
});

/**
 * This process's driver, killed after each of its writes (or after chosen platform calls). A dead
 * driver's lease is then run out at once (its claim's time set in the past, as time would), and the
 * next driver, here or in the API, takes the job on.
 */
function crashingDriver(opts: { crashAfterWrite?: boolean; crashAfterCall?: (action: string) => boolean }) {
  const base = m.ports.driverPorts();
  const store = m.store.dynamoPublishJobs;
  // With crashAfterWrite, drivers die in turn after their first write (a claim: the next driver
  // re-does the call, reconciling) and after their second (the call's result recorded, the next
  // claim not made), so every write is a crash point and the job still moves on between deaths.
  const turn = { douyin: { drivers: 0, writes: 0, dieAfter: 1 }, wechat: { drivers: 0, writes: 0, dieAfter: 1 } };
  const jobs = {
    ...store,
    async put(job: Parameters<typeof store.put>[0], expected: number | undefined) {
      const written = await store.put(job, expected);
      if (written && opts.crashAfterWrite && ++turn[job.platform].writes === turn[job.platform].dieAfter) throw new Crash('killed after a write');
      return written;
    },
  };
  const wrap = (steps: (typeof base.steps)[ReviewPlatform]) => ({
    next: (...args: Parameters<typeof steps.next>) => {
      const next = steps.next(...args);
      if (!('action' in next) || !opts.crashAfterCall?.(next.action.key)) return next;
      const action = next.action;
      return { action: { key: action.key, run: async (reconcile: boolean) => { await action.run(reconcile); throw new Crash(`killed after calling ${action.key}`); } } };
    },
  });
  const ports = { ...base, jobs, steps: { douyin: wrap(base.steps.douyin), wechat: wrap(base.steps.wechat) } };
  const runOutLease = async (seriesId: string, platform: ReviewPlatform) => {
    for (;;) {
      const job = (await store.get(seriesId, platform))!;
      if (!job.claim || Date.parse(job.claim.until) <= Date.now()) return;
      if (await store.put({ ...job, version: job.version + 1, claim: { ...job.claim, until: new Date(Date.now() - 1).toISOString() } }, job.version)) return;
    }
  };
  /** One driver's run: true when it was killed. */
  const drive = async (seriesId: string, platform: ReviewPlatform) => {
    const t = turn[platform];
    t.writes = 0;
    t.dieAfter = 1 + (t.drivers++ % 2);
    try {
      await m.job.driveJob(seriesId, platform, ports);
      return false;
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
      await runOutLease(seriesId, platform);
      return true;
    }
  };
  return {
    drive,
    /** Drives until the job settles: after each crash a fresh driver; while the job waits for the platform, its callback. */
    async settle(seriesId: string, platform: ReviewPlatform, done: (state: string) => boolean) {
      let crashes = 0;
      // Bounded by time, not rounds: while the platform works (a pull-upload in progress), every
      // poll is a write and so a crash, and how many polls that takes depends on the machine's load.
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
        if (await drive(seriesId, platform)) {
          crashes++;
          continue;
        }
        const job = (await store.get(seriesId, platform))!;
        if (done(job.state)) return crashes;
        await eventually(
          () => store.get(seriesId, platform),
          (j) => done(j!.state) || (Boolean(j!.nextAt) && Date.parse(j!.nextAt!) <= Date.now() && (!j!.claim || Date.parse(j!.claim.until) <= Date.now())),
          `${platform} job due again`,
          20_000,
        );
      }
      throw new Error(`${platform} job of ${seriesId} did not settle: ${JSON.stringify(await store.get(seriesId, platform))}`);
    },
  };
}

const start = async (id: string, title: string) => {
  await ops.createSeries({ id, title, episodes: 2, freeEpisodes: 1, compliant: true });
  // The platforms get episodes once the ingest burned the licence in (the API runs it after each upload).
  await eventually(m.catalog.readCatalog, (all) => !m.job.awaitingIngest(all.find((x) => x.id === id)!), `${id}'s licence burned in`, 30_000);
  // The jobs start as publishing starts them, but with no kick: this process drives them.
  await m.publication.startPublication(id, { ...m.publishPorts.publicationPorts, kick: async () => undefined });
};
const uploadsOf = async (id: string) => (await sandbox.resources()).filter((r) => r.type === 'video' && r.source.includes(`/media/${id}/`));
const pullsOf = async (id: string) => (await sandbox.media()).filter((m) => m.source.includes(`/media/${id}/`));

it('killed after each of its writes in turn (a claim, a result), the jobs still finish: each episode uploaded and pulled once, one album, one drama', async () => {
  const id = `crash-${run}`;
  const title = `崩溃测试${run}`;
  await start(id, title);
  const driver = crashingDriver({ crashAfterWrite: true });
  const [douyinCrashes, wechatCrashes] = await Promise.all([driver.settle(id, 'douyin', (s) => s === 'online'), driver.settle(id, 'wechat', (s) => s === 'approved')]);
  // Every claim and every result of this process's drivers was a crash point: before any callback
  // there are at least the cover's and both uploads' (Douyin), the cover's and both pulls' (WeChat).
  expect(douyinCrashes).toBeGreaterThanOrEqual(6);
  expect(wechatCrashes).toBeGreaterThanOrEqual(6);
  expect(await uploadsOf(id)).toHaveLength(2);
  expect(await pullsOf(id)).toHaveLength(2);
  expect((await sandbox.albums()).filter((a) => a.title === title)).toEqual([expect.objectContaining({ episodes: 2, state: 'online', bound: 2 })]);
  expect((await sandbox.dramas()).filter((d) => d.name === title)).toEqual([expect.objectContaining({ episodes: 2, state: 'approved', submissions: 1 })]);
}, 180_000);

it('killed after a pull-upload call returned but before its task was recorded, WeChat is asked before pulling again', async () => {
  const id = `midpull-${run}`;
  const title = `中断拉取${run}`;
  await start(id, title);
  let killed = false;
  const driver = crashingDriver({ crashAfterCall: (action) => !killed && action === 'pull:1' && (killed = true) });
  // cover, then the pull the driver dies in
  for (let i = 0; i < 3 && !killed; i++) await driver.drive(id, 'wechat');
  expect(killed).toBe(true);
  // The dead driver's pull finishes on the platform; then the next driver takes over.
  await eventually(pullsOf.bind(null, id), (pulls) => pulls.length === 1, 'the killed call\'s pull on the platform');
  await driver.settle(id, 'wechat', (s) => s === 'approved');
  expect((await pullsOf(id)).map((p) => p.name).sort()).toEqual([`${title} - 第1集`, `${title} - 第2集`]);
}, 120_000);

it('killed in the middle of a Douyin upload call, the upload is made again (Douyin cannot be asked), and the album still holds each episode once', async () => {
  const id = `midupload-${run}`;
  const title = `中断上传${run}`;
  await start(id, title);
  let killed = false;
  const driver = crashingDriver({ crashAfterCall: (action) => !killed && action === 'upload:1' && (killed = true) });
  await driver.settle(id, 'douyin', (s) => s === 'online');
  expect(killed).toBe(true);
  // The orphan: the killed call's upload, which nothing records and the album does not use.
  expect(await uploadsOf(id)).toHaveLength(3);
  expect((await sandbox.albums()).filter((a) => a.title === title)).toEqual([expect.objectContaining({ episodes: 2, state: 'online', bound: 2 })]);
}, 120_000);
