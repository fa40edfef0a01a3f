import { generateKeyPairSync } from 'node:crypto';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { signedDouyinRequest, signedWechatRequest } from '../../functions/sandbox/payments';
import { eventually } from '../support/eventually';
import { runJob } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { operator, sandboxPlatform } from '../support/operator';
import { useStackEnv } from '../support/use-stack-env';

/**
 * Going live on the platforms, through the API and the sandbox platform: the demo dramas went
 * through both media libraries when the stack started; an operator's series is published only with
 * its compliance recorded (checked inside the writes, so concurrent operators cannot get round it);
 * publishing runs the sync jobs to each review outcome and the console shows it.
 */
const stack = useStackEnv('integration');
const { api } = apiClient(stack.urls.API);
const sandbox = sandboxPlatform(stack);
let ops: Awaited<ReturnType<typeof operator>>;
const run = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  ops = await operator(stack);
});

type Review = { douyin: { state: string; reason?: string; albumId?: string }; wechat: { state: string; reason?: string; dramaId?: string } };
const reviewOf = async (id: string): Promise<Review> => (await ops.admin('/series')).body.items.find((s: { id: string }) => s.id === id).review;
/** Waits for a series' review to satisfy `accept`, running the schedule's sweep as it would run in AWS. */
const reviewUntil = (id: string, accept: (r: Review) => boolean, what: string) =>
  eventually(
    async () => {
      await runJob(stack, 'syncPlatforms');
      return reviewOf(id);
    },
    accept,
    what,
    60_000,
  );

describe('the demo dramas', () => {
  it('went through both platforms when the stack started: online on Douyin and bound to the player, approved on WeChat', async () => {
    const { items } = (await ops.admin('/series')).body as { items: Array<{ id: string; title: string; licence: string; review: Review; episodes: unknown[] }> };
    const seeded = items.filter((s) => ['the-heiress-returns', 'flash-marriage-to-the-ceo', 'witness-in-the-rain'].includes(s.id));
    expect(seeded).toHaveLength(3);
    const [albums, dramas] = await Promise.all([sandbox.albums(), sandbox.dramas()]);
    for (const series of seeded) {
      expect(series.review.douyin).toMatchObject({ state: 'online', albumId: expect.any(String) });
      expect(series.review.wechat).toMatchObject({ state: 'approved', dramaId: expect.any(String) });
      const album = albums.find((a) => a.albumId === series.review.douyin.albumId)!;
      expect(album).toMatchObject({ title: series.title, episodes: series.episodes.length, state: 'online', boundPath: 'packages/watch/pages/player/index', bound: series.episodes.length });
      expect(Object.values(album.recordInfo ?? {})).toContain(series.licence);
      expect(dramas.find((d) => d.dramaId === series.review.wechat.dramaId)).toMatchObject({ name: series.title, episodes: series.episodes.length, state: 'approved', qualification: { registration_number: series.licence } });
    }
  });
});

describe('playing on each platform', () => {
  it('plays from WeChat\'s media assets in WeChat, in Douyin\'s playlet player in Douyin, and our own signed media elsewhere; the paywall is ours everywhere', async () => {
    const { signIn } = apiClient(stack.urls.API);
    const seriesId = 'the-heiress-returns';
    const review = await reviewOf(seriesId);
    const [wechat, douyin, h5] = await Promise.all([signIn(`wx-viewer-${run}`, 'wechat'), signIn(`dy-viewer-${run}`, 'douyin'), signIn(`h5-viewer-${run}`, 'sandbox')]);
    const play = (token: string, episode: number) => api('/play', { body: { seriesId, episode }, token });

    const own = await play(h5.token, 1);
    expect(own.status).toBe(200);
    expect(own.body.source ?? 'own').toBe('own');
    expect(new URL(own.body.url).origin).toBe(stack.urls.MEDIA);

    const fromWechat = await play(wechat.token, 1);
    expect(fromWechat.body).toMatchObject({ source: 'wechat', seriesId, episode: 1 });
    expect(new URL(fromWechat.body.url).origin).toBe(stack.urls.SANDBOX);
    // The same file: the burned-in episode WeChat pulled, served by its link (with ranges).
    const [a, b] = await Promise.all([fetch(fromWechat.body.url), fetch(own.body.url)]);
    expect(a.status).toBe(200);
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    expect((await fetch(fromWechat.body.url, { headers: { range: 'bytes=0-99' } })).status).toBe(206);
    expect((await fetch(fromWechat.body.url.replace(/sign=[0-9a-f]/, 'sign=x'))).status).toBe(403);

    const fromDouyin = await play(douyin.token, 1);
    expect(fromDouyin.body).toMatchObject({ source: 'douyin_playlet', playlet: { albumId: review.douyin.albumId, episodeId: expect.any(String) } });
    expect(new URL(fromDouyin.body.url).origin).toBe(stack.urls.MEDIA);

    // A locked episode is our paywall's on every platform.
    for (const viewer of [wechat, douyin, h5]) expect((await play(viewer.token, 6)).body.code).toBe('ENTITLEMENT_REQUIRED');
  });
});

describe('compliance at publishing', () => {
  it('publishes a paid series only with its budget tier, licence and cost report, and keeps them while it is on sale', async () => {
    const id = `paid-${run}`;
    await ops.createSeries({ id, title: `合规测试${run}`, episodes: 2, freeEpisodes: 1 });
    const refused = await ops.admin(`/series/${id}/publish`, { body: { published: true } });
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.message).toMatch(/备案号.*预算档位.*成本配置比例情况报告/);
    // A licence alone is not enough.
    await ops.admin(`/series/${id}`, { method: 'PUT', body: { title: `合规测试${run}`, genre: '悬疑', freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 990, order: 50, licence: '(2026)沪剧审字第7号' } });
    expect((await ops.admin(`/series/${id}/publish`, { body: { published: true } })).status).toBe(409);
    expect((await ops.admin(`/series/${id}/compliance`, { method: 'PUT', body: { budgetTier: 'regional', licence: 'x', costReportKey: 'reports/x.png' } })).status).toBe(400);
    expect((await ops.admin(`/series/${id}/compliance`, { method: 'PUT', body: { budgetTier: 'provincial', licence: 'x', costReportKey: 'media/elsewhere.png' } })).status).toBe(400);
    const reportKey = await ops.uploadReport(id);
    const saved = await ops.admin(`/series/${id}/compliance`, { method: 'PUT', body: { budgetTier: 'provincial', licence: '(2026)沪剧审字第7号', costReportKey: reportKey } });
    expect(saved.body).toMatchObject({ budgetTier: 'provincial', licence: '(2026)沪剧审字第7号', costReportKey: reportKey });
    expect((await ops.admin(`/series/${id}/publish`, { body: { published: true } })).body).toMatchObject({ published: true });

    // On sale: the licence cannot be removed, nor every episode made free and then a paid one added without it.
    const cleared = await ops.admin(`/series/${id}`, { method: 'PUT', body: { title: `合规测试${run}`, genre: '悬疑', freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 990, order: 50 } });
    expect([cleared.status, cleared.body.code]).toEqual([409, 'CONFLICT']);
    expect((await ops.admin('/series')).body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ licence: '(2026)沪剧审字第7号', published: true });
  });

  it('holds under concurrent operators: a published series never has paid episodes without its compliance', async () => {
    // Each round: a free series on sale (one free episode, nothing recorded); at once one operator
    // adds a paid episode, another publishes, a third makes every episode paid (free count 0).
    const rounds = Array.from({ length: 6 }, (_, i) => `race-${run}-${i}`);
    await Promise.all(rounds.map((id) => ops.createSeries({ id, title: `并发${id}`, episodes: 1, freeEpisodes: 1 })));
    const outcomes = await Promise.all(
      rounds.map(async (id, i) => {
        const paid = () => ops.admin(`/series/${id}/episodes/2`, { method: 'PUT', body: { title: '第2集', durationS: 29, mediaKey: 'media/witness-in-the-rain/ep-002.mp4' } });
        const publish = () => ops.admin(`/series/${id}/publish`, { body: { published: true } });
        const lower = () => ops.admin(`/series/${id}`, { method: 'PUT', body: { title: `并发${id}`, genre: '悬疑', freeEpisodes: 0, episodePriceCoins: 30, seriesPriceFen: 990, order: 50 } });
        const order = [paid, publish, lower];
        // Vary who goes first, then fire them together.
        const fired = await Promise.all(order.map((f, k) => order[(k + i) % order.length]).map((f) => f()));
        return fired.map((r) => r.status);
      }),
    );
    expect(outcomes.flat().every((s) => s === 200 || s === 409)).toBe(true);
    const { items } = (await ops.admin('/series')).body as { items: Array<{ id: string; published: boolean; freeEpisodes: number; licence?: string; episodes: Array<{ index: number }> }> };
    const violations = items.filter((s) => rounds.includes(s.id) && s.published && s.episodes.some((e) => e.index > s.freeEpisodes) && !s.licence);
    expect(violations.map((s) => s.id)).toEqual([]);
    // And the rule did let operators work: some rounds published, some added the paid episode.
    expect(items.some((s) => rounds.includes(s.id) && s.published)).toBe(true);
    expect(items.some((s) => rounds.includes(s.id) && s.episodes.length === 2)).toBe(true);
  });
});

describe('publishing through both platforms', () => {
  // Four series go through at once, one per review outcome (the sandbox's reviewers decide by title).
  const outcome = (name: string) => ({ id: `${name}-${run}`, title: `${{ live: '上线', reject: '驳回', held: '审核中', retry: '重传' }[name]}测试${run}` });
  const live = outcome('live');
  const reject = outcome('reject');
  const held = outcome('held');
  const retry = outcome('retry');
  const uploadsOf = async (id: string) => (await sandbox.resources()).filter((r) => r.type === 'video' && r.source.includes(`/media/${id}/`));
  const pullsOf = async (id: string) => (await sandbox.media()).filter((m) => m.source.includes(`/media/${id}/`));

  beforeAll(async () => {
    await sandbox.review(reject.title, 'reject', '片头未展示备案号');
    await sandbox.review(held.title, 'hold');
    await sandbox.failUploads('douyin', 1, retry.title);
    await sandbox.failUploads('wechat', 1, retry.title);
    await Promise.all(
      [live, reject, held, retry].map(async ({ id, title }) => {
        await ops.createSeries({ id, title, episodes: 2, freeEpisodes: 1, compliant: true });
        expect((await ops.admin(`/series/${id}/publish`, { body: { published: true } })).status).toBe(200);
      }),
    );
  });

  it('approved: uploads each burned episode once, creates and reviews the album, puts it online and binds it; WeChat approves the drama', async () => {
    const review = await reviewUntil(live.id, (r) => r.douyin.state === 'online' && r.wechat.state === 'approved', 'online on Douyin, approved on WeChat');
    const album = (await sandbox.albums()).find((a) => a.albumId === review.douyin.albumId)!;
    expect(album).toMatchObject({ title: live.title, episodes: 2, state: 'online', bound: 2, recordInfo: { ordinary_record_num: `(2026)测审字第${live.id}号` } });
    const uploads = await uploadsOf(live.id);
    expect(uploads).toHaveLength(2);
    // What the platforms got is the ingest's output: the licence burned in.
    expect(uploads.every((u) => u.source.includes('/ingest/'))).toBe(true);
    expect((await pullsOf(live.id)).map((m) => m.name).sort()).toEqual([`${live.title} - 第1集`, `${live.title} - 第2集`]);
    expect((await sandbox.dramas()).find((d) => d.dramaId === review.wechat.dramaId)).toMatchObject({ name: live.title, episodes: 2, state: 'approved', submissions: 1 });
  }, 120_000);

  it('refuses hostile callbacks: unsigned, forged, stale, tampered, for another app, malformed, unknown, or replayed against a settled review', async () => {
    const review = await reviewUntil(live.id, (r) => r.douyin.state === 'online' && r.wechat.state === 'approved', 'live');
    const identity = ensureSandboxIdentity(stack.dataDir);
    const now = new Date();
    const playlet = (type: string, msg: Record<string, unknown>) => ({ type, msg: JSON.stringify({ ma_app_id: stack.apiEnv.DOUYIN_APP_ID, ...msg }), version: '2.0' });
    const rejection = playlet('album_audit', { album_id: review.douyin.albumId, audit_status: 1, audit_msg: '伪造的驳回', version: 1 });
    const douyin = (signed: { body: string; headers: Record<string, string> }, body = signed.body) => call(stack.urls.API, '/platform/douyin/playlet', { headers: signed.headers, raw: body });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const valid = signedDouyinRequest(identity, rejection, now);
    const cases: Array<[string, Promise<{ status: number }>, number]> = [
      ['unsigned', call(stack.urls.API, '/platform/douyin/playlet', { raw: valid.body }), 401],
      ['another key', douyin(signedDouyinRequest({ ...identity, douyinPlatformPrivateKey: otherKey.privateKey }, rejection, now)), 401],
      ['stale', douyin(signedDouyinRequest(identity, rejection, new Date(now.getTime() - 3600_000))), 401],
      ['tampered', douyin(valid, valid.body.replace('伪造的驳回', '真的驳回')), 401],
      ['another app', douyin(signedDouyinRequest(identity, { ...rejection, msg: JSON.stringify({ ma_app_id: 'tt-other', album_id: review.douyin.albumId, audit_status: 2 }) }, now)), 403],
      ['malformed', douyin(signedDouyinRequest(identity, playlet('album_audit', { audit_status: 2 }), now)), 400],
      // Other callbacks of the library are acknowledged and change nothing.
      ['another callback type', douyin(signedDouyinRequest(identity, playlet('episode_audit', { album_id: review.douyin.albumId }), now)), 200],
      ['unknown album', douyin(signedDouyinRequest(identity, playlet('album_audit', { album_id: '999', audit_status: 2, version: 1 }), now)), 404],
      ['unknown video', douyin(signedDouyinRequest(identity, playlet('upload_video', { open_video_id: '999', success: true }), now)), 404],
      // Verified, but the review is settled: a replayed or stale decision changes nothing.
      ['replayed rejection', douyin(valid), 200],
    ];
    const wechatAudit = (dramaId: unknown, status: number) => ({ ToUserName: identity.wechat.appId, MsgType: 'event', Event: 'secvod_audit_event', CreateTime: Math.floor(now.getTime() / 1000), audit_event: { drama_id: dramaId, audit_detail: { status } } });
    const wechat = (signed: { body: string; query: string; headers: Record<string, string> }) => call(stack.urls.API, `/pay/wechat/notify?${signed.query}`, { headers: signed.headers, raw: signed.body });
    cases.push(
      ['WeChat: wrong token', wechat(signedWechatRequest({ ...identity, wechat: { ...identity.wechat, token: 'not-the-token' } }, wechatAudit(Number(review.wechat.dramaId), 2), now)), 401],
      ['WeChat: another app', wechat(signedWechatRequest({ ...identity, wechat: { ...identity.wechat, appId: 'wx-someone-else' } }, wechatAudit(Number(review.wechat.dramaId), 2), now)), 401],
      ['WeChat: malformed', wechat(signedWechatRequest(identity, { ...wechatAudit(undefined, 2) }, now)), 400],
      ['WeChat: unknown drama', wechat(signedWechatRequest(identity, wechatAudit(424242, 3), now)), 404],
      ['WeChat: replayed rejection', wechat(signedWechatRequest(identity, wechatAudit(Number(review.wechat.dramaId), 2), now)), 200],
    );
    const got = await Promise.all(cases.map(async ([name, reply]) => [name, (await reply).status]));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(cases.map(([name, , status]) => [name, status])));
    expect(await reviewOf(live.id)).toMatchObject({ douyin: { state: 'online' }, wechat: { state: 'approved' } });
  });

  it("rejected: the console shows the platforms' reasons; published again after a fix, it is reviewed again and approved", async () => {
    const rejected = await reviewUntil(reject.id, (r) => r.douyin.state === 'rejected' && r.wechat.state === 'rejected', 'rejected on both');
    expect(rejected.douyin.reason).toBe('片头未展示备案号');
    expect(rejected.wechat.reason).toContain('片头未展示备案号');
    await sandbox.review(reject.title, 'approve');
    expect((await ops.admin(`/series/${reject.id}/publish`, { body: { published: true } })).status).toBe(200);
    await reviewUntil(reject.id, (r) => r.douyin.state === 'online' && r.wechat.state === 'approved', 'approved on the second submission');
    // The files the platforms already held were not uploaded again.
    expect(await uploadsOf(reject.id)).toHaveLength(2);
    expect(await pullsOf(reject.id)).toHaveLength(2);
    expect((await sandbox.dramas()).find((d) => d.name === reject.title)).toMatchObject({ submissions: 2, state: 'approved' });
  });

  it('in review: a held review stays in review on both platforms', async () => {
    const inReview = await reviewUntil(held.id, (r) => r.douyin.state === 'in_review' && r.wechat.state === 'in_review', 'in review on both');
    expect(inReview.douyin.albumId).toEqual(expect.any(String));
    expect(inReview.wechat.dramaId).toEqual(expect.any(String));
  });

  it('a video the platform could not process is uploaded again, once', async () => {
    await reviewUntil(retry.id, (r) => r.douyin.state === 'online' && r.wechat.state === 'approved', 'live after one failed upload on each platform');
    const uploads = await uploadsOf(retry.id);
    expect(uploads).toHaveLength(3);
    expect(uploads.filter((u) => u.status === 'failed')).toHaveLength(1);
    // WeChat's failed pull made no media; the second made the one it holds.
    expect(await pullsOf(retry.id)).toHaveLength(2);
  });
});
