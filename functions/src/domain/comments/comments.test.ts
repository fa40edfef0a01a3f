import { commentRules, type CommentStatus } from '@drama/shared/comments';
import type { Series } from '../catalog/catalog';
import { ContentRefused, Forbidden, NotFound, RateLimited } from '../errors';
import { listComments, postComment, reportComment, textsToCheck, type CommentPorts, type CommentRecord, type CommentStore, type Verdict } from './comments';
import { moderateComment, moderationQueue } from './moderation';

/** In-memory ports with the adapters' semantics (conditional moves, one report per viewer). */
function memoryComments(): CommentStore & { all: Map<string, CommentRecord & { reporters: Set<string> }> } {
  const all = new Map<string, CommentRecord & { reporters: Set<string> }>();
  const strip = ({ reporters: _r, ...c }: CommentRecord & { reporters: Set<string> }): CommentRecord => ({ ...c });
  const newest = (status: CommentStatus) => [...all.values()].filter((c) => c.status === status).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    all,
    create: async (c) => void all.set(c.commentId, { ...c, reporters: new Set() }),
    listApproved: async (seriesId, episode, limit) => newest('approved').filter((c) => c.seriesId === seriesId && c.episode === episode).slice(0, limit).map(strip),
    held: async (limit) => newest('held').slice(0, limit).map(strip),
    get: async (id) => (all.has(id) ? strip(all.get(id)!) : undefined),
    async report(id, who) {
      const c = all.get(id);
      if (!c || c.status !== 'approved' || c.reporters.has(who)) return null;
      c.reporters.add(who);
      return ++c.reports;
    },
    async move(id, from, to, heldFor) {
      const c = all.get(id);
      if (!c || !from.includes(c.status)) return undefined;
      c.status = to;
      if (to === 'held') c.heldFor = heldFor;
      if (to === 'approved') Object.assign(c, { reports: 0, reporters: new Set(), heldFor: undefined });
      return strip(c);
    },
  };
}

const series: Series = { id: 's1', title: 't', genre: '悬疑', synopsis: '', tags: [], coverKey: '', freeEpisodes: 1, episodePriceCoins: 1, seriesPriceFen: 1, previewS: 0, adDailyCap: 0, order: 0, published: true, episodes: [{ index: 1, title: '1', durationS: 10, mediaKey: 'm' }] };
const where = { seriesId: 's1', episode: 1 };

function ports(verdictFor: (texts: readonly string[]) => Verdict = () => 'pass') {
  let clock = new Date('2026-03-10T12:00:00Z');
  let n = 0;
  const banned = new Set<string>();
  const taken = new Map<string, number[]>();
  const checked: string[][] = [];
  const p: CommentPorts & { checked: string[][]; comments: ReturnType<typeof memoryComments>; tick: (ms: number) => void } = {
    catalog: { listSeries: async () => [series], getSeries: async (id) => (id === series.id ? series : undefined) },
    comments: memoryComments(),
    writers: { standing: async () => ({ platform: 'douyin', openId: 'o', banned: false }), ban: async (u) => void banned.add(u) },
    quota: {
      async take(userId, now) {
        const recent = (taken.get(userId) ?? []).filter((t) => now.getTime() - t < 60_000);
        if (recent.length >= commentRules.perMinute) return false;
        taken.set(userId, [...recent, now.getTime()]);
        return true;
      },
    },
    safety: { check: async (texts) => (checked.push([...texts]), verdictFor(texts)) },
    newId: () => `c_${String(++n).padStart(12, '0')}`,
    now: () => clock,
    checked,
    tick: (ms) => (clock = new Date(clock.getTime() + ms)),
  };
  p.writers.standing = async (u) => ({ platform: 'douyin', openId: 'o', banned: banned.has(u) });
  return p;
}

/** A platform check without any normalisation of its own: it sees a word only if the text holds it as is. */
const literal = (word: string) => (texts: readonly string[]): Verdict => (texts.some((t) => t.includes(word)) ? 'refuse' : 'pass');

describe('textsToCheck', () => {
  it('adds the folded text and its characters alone, so spaces, full-width letters or symbols between characters hide nothing', () => {
    expect(textsToCheck('好看！')).toEqual(['好看！', '好看']);
    expect(textsToCheck('测 试 违 禁 词')).toContain('测试违禁词');
    expect(textsToCheck('测Ａ试ｂ违禁★词')).toContain('测试违禁词');
    expect(textsToCheck('ｆ　ｕ．ｃ　ｋ')).toContain('fuck');
  });
});

describe('postComment', () => {
  it('stores a passed comment approved and lists it; an uncertain or unchecked one is held and listed to no one', async () => {
    const p = ports((t) => (t[0].includes('待审') ? 'review' : t[0].includes('断网') ? 'unchecked' : 'pass'));
    expect(await postComment('u1', where, { text: '太好看了', atS: 3.5 }, p)).toEqual({ commentId: expect.any(String), status: 'approved' });
    expect((await postComment('u1', where, { text: '待审内容' }, p)).status).toBe('held');
    expect((await postComment('u1', where, { text: '断网了' }, p)).status).toBe('held');
    expect((await listComments(where, p)).items).toEqual([{ commentId: expect.any(String), userId: 'u1', text: '太好看了', atS: 3.5, createdAt: expect.any(String) }]);
    expect((await moderationQueue(p.comments)).items.map((c) => c.heldFor).sort()).toEqual(['review', 'unchecked']);
  });

  it('refuses a banned word however it is spelled, storing nothing (the check itself matches only literally)', async () => {
    const p = ports(literal('测试违禁词'));
    for (const text of ['测试违禁词', '测 试 违 禁 词', '测Ａ试ｂ违ｃ禁ｄ词', '测.试_违~禁*词']) {
      await expect(postComment('u1', where, { text }, p)).rejects.toBeInstanceOf(ContentRefused);
    }
    expect(p.comments.all.size).toBe(0);
  });

  it('refuses banned writers, a missing episode, and the eleventh post in a minute before asking the platform', async () => {
    const p = ports();
    await expect(postComment('u1', { seriesId: 's1', episode: 9 }, { text: 'x' }, p)).rejects.toBeInstanceOf(NotFound);
    for (let i = 0; i < commentRules.perMinute; i++) await postComment('u1', where, { text: `第${i}条` }, p);
    const asked = p.checked.length;
    await expect(postComment('u1', where, { text: '还想说' }, p)).rejects.toBeInstanceOf(RateLimited);
    expect(p.checked.length).toBe(asked);
    await postComment('u2', where, { text: '别人可以' }, p);
    p.tick(60_000);
    await postComment('u1', where, { text: '下一分钟' }, p);

    const { commentId } = await postComment('u3', where, { text: '广告' }, p);
    await moderateComment(commentId, 'ban', p);
    await expect(postComment('u3', where, { text: '再来' }, p)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('reports and moderation', () => {
  it('holds an approved comment at the Nth distinct report; repeats and the writer do not count', async () => {
    const p = ports();
    const { commentId } = await postComment('writer', where, { text: '剧透！' }, p);
    expect(await reportComment('writer', commentId, p.comments)).toEqual({ reported: false });
    for (let i = 1; i < commentRules.reportsToHold; i++) {
      expect(await reportComment(`r${i}`, commentId, p.comments)).toEqual({ reported: true });
      expect(await reportComment(`r${i}`, commentId, p.comments)).toEqual({ reported: false });
    }
    expect((await listComments(where, p)).items).toHaveLength(1);
    await reportComment('last', commentId, p.comments);
    expect((await listComments(where, p)).items).toHaveLength(0);
    expect((await moderationQueue(p.comments)).items).toEqual([expect.objectContaining({ commentId, heldFor: 'reports', reports: commentRules.reportsToHold })]);
    await expect(reportComment('r1', 'c_nothing000000', p.comments)).rejects.toBeInstanceOf(NotFound);
  });

  it('approves, removes and bans: the last decision stands, a repeated one changes nothing', async () => {
    const p = ports(() => 'review');
    const { commentId } = await postComment('u1', where, { text: '待审' }, p);
    expect((await moderateComment(commentId, 'approve', p)).comment.status).toBe('approved');
    expect((await moderateComment(commentId, 'approve', p)).comment.status).toBe('approved');
    expect((await listComments(where, p)).items).toHaveLength(1);
    expect((await moderateComment(commentId, 'remove', p)).comment.status).toBe('removed');
    expect((await moderateComment(commentId, 'remove', p)).comment.status).toBe('removed');
    expect((await listComments(where, p)).items).toHaveLength(0);
    expect((await moderationQueue(p.comments)).items).toHaveLength(0);

    const ad = await postComment('spammer', where, { text: '加我微信' }, p);
    expect((await moderateComment(ad.commentId, 'ban', p)).comment).toMatchObject({ status: 'removed', writerBanned: true });
    await expect(postComment('spammer', where, { text: '又来了' }, p)).rejects.toBeInstanceOf(Forbidden);
    await expect(moderateComment('c_nothing000000', 'approve', p)).rejects.toBeInstanceOf(NotFound);
  });
});
