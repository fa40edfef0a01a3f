import { seedSeries } from '../../functions/local/seed/catalog';
import { commentRules } from '@drama/shared/comments';
import { eventually } from '../support/eventually';
import { runJob } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { readStackInfo } from '../support/stack-setup';

/**
 * Discovery and community through the HTTP API: rankings computed by the scheduled job from real
 * plays, search, likes, comments checked by the sandbox's text-safety APIs (Douyin's antidirt for
 * sandbox sign-ins, WeChat's msgSecCheck v2 for WeChat ones), reports, the moderation queue, and
 * the hostile inputs a comment box gets.
 */
const stack = readStackInfo('integration');
const { api, signIn } = apiClient(stack.urls.API);
const sandbox = (path: string, body?: unknown) => call(stack.urls.SANDBOX, path, body === undefined ? {} : { body });
const unique = (tag: string) => `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const operator = async () => (await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } })).body.token as string;

interface Summary {
  id: string;
  title: string;
  freeEpisodes: number;
  score: number;
}
let catalog: Summary[];
const byTitle = (title: string) => catalog.find((s) => s.title === title)!;
const commentsPath = (seriesId: string, episode = 1) => `/series/${seriesId}/episodes/${episode}/comments`;

beforeAll(async () => {
  catalog = (await api('/series')).body.items;
});

describe('rankings', () => {
  const scores = async (kind: string) => {
    const r = await api(`/rankings/${kind}`);
    expect(r.status).toBe(200);
    return r.body.items as Summary[];
  };

  it('ranks 热播榜 by viewers’ plays weighted toward completion, recomputed by the job from the event stream', async () => {
    const [first, second] = [byTitle('千金归来'), byTitle('雨夜证人')];
    await runJob(stack, 'computeRankings');
    const before = new Map((await scores('hot')).map((s) => [s.id, s.score]));

    const viewers = await Promise.all([1, 2, 3].map((n) => signIn(unique(`rank-${n}`))));
    for (const v of viewers) expect((await api('/play', { body: { seriesId: second.id, episode: 1 }, token: v.token })).status).toBe(200);
    // The same viewer again: one play. One viewer watched to the end: the player says so with the resume point.
    expect((await api('/play', { body: { seriesId: second.id, episode: 1 }, token: viewers[0].token })).status).toBe(200);
    expect((await api('/progress', { method: 'PUT', body: { seriesId: second.id, episode: 2, positionS: 0, endedEpisode: 1 }, token: viewers[0].token })).status).toBe(200);
    expect((await api('/play', { body: { seriesId: first.id, episode: 1 }, token: viewers[1].token })).status).toBe(200);

    const sizes = await runJob(stack, 'computeRankings');
    expect(sizes.hot).toBe(catalog.length);
    const hot = await scores('hot');
    const after = new Map(hot.map((s) => [s.id, s.score]));
    expect(after.get(second.id)! - before.get(second.id)!).toBe(3 + 2);
    expect(after.get(first.id)! - before.get(first.id)!).toBe(1);
    expect(hot.map((s) => s.score)).toEqual([...hot.map((s) => s.score)].sort((a, b) => b - a));
    expect(hot[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), cover: expect.any(String), episodeCount: expect.any(Number) });

    // 新剧: the seed publishes its series a day apart, the last one newest (series other suites
    // publish on the shared stack are newer still).
    const fresh = await scores('new');
    expect(fresh.map((s) => s.score)).toEqual([...fresh.map((s) => s.score)].sort((a, b) => b - a));
    expect(fresh.filter((s) => seedSeries.some((seeded) => seeded.title === s.title))[0].title).toBe('雨夜证人');
    expect((await api('/rankings/top')).status).toBe(400);
  });
});

describe('search', () => {
  it.each([
    ['千金', '千金归来'],
    ['qianjin', '千金归来'],
    ['qjgl', '千金归来'],
    ['huojingshen', '闪婚后，霍总天天吃醋'],
    ['红伞', '雨夜证人'],
  ])('%s → %s', async (q, title) => {
    const r = await api(`/search?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.items[0].title).toBe(title);
  });

  it('finds a lead the operator adds in the console, once the catalog refreshes', async () => {
    const token = await operator();
    const series = (await api('/admin/series', { token })).body.items.find((s: { title: string }) => s.title === '千金归来');
    const { id, title, genre, synopsis, tags, freeEpisodes, episodePriceCoins, seriesPriceFen, licence, order, cast } = series;
    const body = { title, genre, synopsis, tags, freeEpisodes, episodePriceCoins, seriesPriceFen, licence, order, cast: [...cast, '欧阳娜娜'] };
    expect((await api(`/admin/series/${id}`, { method: 'PUT', body, token })).status).toBe(200);
    await eventually(() => api('/search?q=ouyangnana'), (r) => r.body.items[0]?.id === id, 'the new lead found by pinyin');
    expect((await api(`/search?q=${encodeURIComponent('欧阳娜娜')}`)).body.items[0].id).toBe(id);
  });

  it('answers nothing for what matches nothing, and 400 to a missing, blank or oversized query', async () => {
    expect((await api('/search?q=zzqxv')).body).toEqual({ items: [] });
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'长'.repeat(41)}`]) expect([(await api(`/search${query}`)).status, (await api(`/search${query}`)).body.code]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('likes', () => {
  it('counts each viewer once, shows whether the caller liked it, and takes a like back once', async () => {
    const seriesId = byTitle('千金归来').id;
    const path = `/series/${seriesId}/episodes/2/like`;
    const [a, b] = await Promise.all([signIn(unique('like-a')), signIn(unique('like-b'))]);
    const start = (await api(path)).body.likes as number;
    expect((await api(path, { method: 'PUT', token: a.token })).body).toEqual({ liked: true, likes: start + 1 });
    expect((await api(path, { method: 'PUT', token: a.token })).body).toEqual({ liked: true, likes: start + 1 });
    expect((await api(path, { method: 'PUT', token: b.token })).body).toEqual({ liked: true, likes: start + 2 });
    expect((await api(path, { token: a.token })).body).toEqual({ liked: true, likes: start + 2 });
    expect((await api(path)).body).toEqual({ liked: false, likes: start + 2 });
    expect((await api(path, { method: 'DELETE', token: a.token })).body).toEqual({ liked: false, likes: start + 1 });
    expect((await api(path, { method: 'DELETE', token: a.token })).body).toEqual({ liked: false, likes: start + 1 });
    expect((await api(path, { method: 'PUT' })).status).toBe(401);
    expect((await api(`/series/${seriesId}/episodes/999/like`, { method: 'PUT', token: a.token })).status).toBe(404);
  });
});

describe('comments', () => {
  it('lists an approved timed comment; holds what WeChat wants reviewed or no platform answered, until an operator approves', async () => {
    const seriesId = byTitle('雨夜证人').id;
    const viewer = await signIn(unique('commenter'));
    const posted = await api(commentsPath(seriesId), { body: { text: '这一集太吓人了', atS: 4.25 }, token: viewer.token });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ commentId: expect.stringMatching(/^c_/), status: 'approved' });
    const listed = (await api(commentsPath(seriesId))).body.items;
    expect(listed[0]).toEqual({ commentId: posted.body.commentId, userId: viewer.user.id, text: '这一集太吓人了', atS: 4.3, createdAt: expect.any(String) });

    const wechat = await signIn(unique('wx-commenter'), 'wechat');
    const review = await api(commentsPath(seriesId), { body: { text: '这里有测试待审词' }, token: wechat.token });
    expect(review.body.status).toBe('held');
    expect((await sandbox('/control/fail-text-checks', { count: 1 })).status).toBe(200);
    const unchecked = await api(commentsPath(seriesId), { body: { text: '平台没回答' }, token: viewer.token });
    expect(unchecked.body.status).toBe('held');
    const ids = (await api(commentsPath(seriesId))).body.items.map((c: { commentId: string }) => c.commentId);
    expect(ids).not.toContain(review.body.commentId);
    expect(ids).not.toContain(unchecked.body.commentId);

    const token = await operator();
    const queue = (await api('/admin/comments', { token })).body.items as Array<{ commentId: string; heldFor: string }>;
    expect(queue.find((c) => c.commentId === review.body.commentId)?.heldFor).toBe('review');
    expect(queue.find((c) => c.commentId === unchecked.body.commentId)?.heldFor).toBe('unchecked');
    expect((await api(`/admin/comments/${review.body.commentId}`, { body: { action: 'approve' }, token })).body.comment.status).toBe('approved');
    expect((await api(commentsPath(seriesId))).body.items.map((c: { commentId: string }) => c.commentId)).toContain(review.body.commentId);
    expect((await api(`/admin/comments/${unchecked.body.commentId}`, { body: { action: 'remove' }, token })).body.comment.status).toBe('removed');
    expect((await api('/admin/comments', { token })).body.items.map((c: { commentId: string }) => c.commentId)).not.toContain(unchecked.body.commentId);
  });

  it('refuses a banned word with spaces, full-width letters or symbols between its characters, on both platforms, in Chinese', async () => {
    const seriesId = byTitle('雨夜证人').id;
    const viewers = [await signIn(unique('bad-words')), await signIn(unique('wx-bad-words'), 'wechat')];
    for (const viewer of viewers) {
      for (const text of ['测试违禁词', '前面 测 试 违 禁 词 后面', '测\u3000试\u3000违禁词', '测Ａ试ｂ违ｃ禁ｄ词', '测.试★违~禁*词']) {
        const r = await api(commentsPath(seriesId), { body: { text }, token: viewer.token });
        expect([r.status, r.body.code]).toEqual([400, 'CONTENT_REFUSED']);
        expect(r.body.message).toMatch(/违规/);
      }
    }
    // What the platform was asked: the folded forms as well as the text as written.
    const asked = (await sandbox('/text-checks')).body.items as Array<{ texts: string[] }>;
    expect(asked.some((c) => c.texts.includes('测Ａ试ｂ违ｃ禁ｄ词') && c.texts.includes('测试违禁词'))).toBe(true);
    expect((await api(commentsPath(seriesId))).body.items.some((c: { text: string }) => /违.?禁/.test(c.text))).toBe(false);
  });

  it('keeps a script as plain text, and refuses oversized, empty, invisible and malformed comments', async () => {
    const seriesId = byTitle('雨夜证人').id;
    const viewer = await signIn(unique('hostile'));
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const posted = await api(commentsPath(seriesId, 2), { body: { text: script }, token: viewer.token });
    expect(posted.status).toBe(201);
    expect((await api(commentsPath(seriesId, 2))).body.items.find((c: { commentId: string }) => c.commentId === posted.body.commentId).text).toBe(script);
    expect((await api(commentsPath(seriesId, 2), { body: { text: '好'.repeat(commentRules.maxChars) }, token: viewer.token })).status).toBe(201);
    for (const body of [
      { text: '好'.repeat(commentRules.maxChars + 1) },
      { text: '😀'.repeat(commentRules.maxChars + 1) },
      { text: '' },
      { text: '   ' },
      { text: 'a\u0000b' },
      { text: '\u202e反转' },
      { text: '测\u200b试' },
      { text: 'ok', atS: -1 },
      { text: 'ok', userId: 'someone-else' },
      { text: 12 },
    ]) {
      const r = await api(commentsPath(seriesId, 2), { body, token: viewer.token });
      expect([r.status, r.body.code]).toEqual([400, 'BAD_REQUEST']);
    }
    expect((await api(commentsPath(seriesId, 999), { body: { text: 'ok' }, token: viewer.token })).status).toBe(404);
    expect((await api(commentsPath(seriesId), { body: { text: 'ok' } })).status).toBe(401);
  });

  it('lets a viewer post 10 comments a minute and no more, also when they all arrive at once', async () => {
    const seriesId = byTitle('千金归来').id;
    const flooder = await signIn(unique('flood'));
    const replies = await Promise.all(Array.from({ length: commentRules.perMinute + 5 }, (_, i) => api(commentsPath(seriesId), { body: { text: `刷屏 ${i}` }, token: flooder.token })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(commentRules.perMinute);
    expect(replies.filter((r) => r.status === 429 && r.body.code === 'RATE_LIMITED')).toHaveLength(5);
    const other = await signIn(unique('calm'));
    expect((await api(commentsPath(seriesId), { body: { text: '我只说一句' }, token: other.token })).status).toBe(201);
  });

  it('takes a comment off screen after 3 reports, and an operator’s ban stops its writer', async () => {
    const seriesId = byTitle('千金归来').id;
    const writer = await signIn(unique('troll'));
    const { commentId } = (await api(commentsPath(seriesId, 3), { body: { text: '剧透：凶手是…' }, token: writer.token })).body;
    const reporters = await Promise.all(Array.from({ length: commentRules.reportsToHold }, (_, i) => signIn(unique(`reporter-${i}`))));
    for (const [i, r] of reporters.entries()) {
      expect((await api(`/comments/${commentId}/reports`, { method: 'POST', token: r.token })).body).toEqual({ reported: true });
      if (i === 0) expect((await api(`/comments/${commentId}/reports`, { method: 'POST', token: r.token })).body).toEqual({ reported: false });
    }
    expect((await api(commentsPath(seriesId, 3))).body.items.map((c: { commentId: string }) => c.commentId)).not.toContain(commentId);
    expect((await api('/comments/c_0000000000000/reports', { method: 'POST', token: writer.token })).status).toBe(404);

    const token = await operator();
    expect((await api('/admin/comments', { token })).body.items.find((c: { commentId: string }) => c.commentId === commentId)).toMatchObject({ heldFor: 'reports', reports: 3 });
    expect((await api(`/admin/comments/${commentId}`, { body: { action: 'ban' }, token })).body.comment).toMatchObject({ status: 'removed', writerBanned: true });
    const refused = await api(commentsPath(seriesId, 3), { body: { text: '换个号也要说' }, token: writer.token });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
  });
});
