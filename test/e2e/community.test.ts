import type { BrowserContext, Page } from 'playwright-core';
import { danmakuBand } from '@drama/shared/comments';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { runJob } from '../support/fixtures';
import { apiClient } from '../support/http';
import { readStackInfo } from '../support/stack-setup';

/**
 * 弹幕 in Chromium: a comment another viewer timed at 0:02 flies over the player when playback gets
 * there; the viewer posts a timed comment of their own (with markup in it, shown as text) and sees
 * it fly right to left, in the band above the subtitles; ♥ counts; 弹幕 can be switched off. And the
 * home page's 热播榜 and 新剧 tabs, and search by pinyin initials.
 */
const stack = readStackInfo('e2e');
const { api, signIn } = apiClient(stack.urls.API);
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** The picture's box on screen (the video is drawn whole, `contain`), and a 弹幕's box. */
async function boxes(text: string) {
  return page.evaluate((wanted) => {
    const video = document.querySelector('video')!;
    const r = video.getBoundingClientRect();
    const ratio = video.videoWidth / video.videoHeight || 9 / 16;
    const height = Math.min(r.height, r.width / ratio);
    const picture = { top: r.top + (r.height - height) / 2, height };
    const item = [...document.querySelectorAll('.danmaku__item')].find((e) => e.textContent === wanted);
    const box = item?.getBoundingClientRect();
    return { picture, item: box ? { left: box.left, top: box.top, bottom: box.bottom } : null };
  }, text);
}

describe('弹幕 on the player', () => {
  it('flies timed comments over the video, above the subtitles, and shows what viewers wrote as text', async () => {
    const { items } = (await api('/series')).body as { items: Array<{ id: string; title: string }> };
    const series = items.find((s) => s.title === '雨夜证人')!;
    const tag = Date.now().toString(36);
    const other = await signIn(`e2e-danmaku-${tag}`);
    const theirs = `前方高能 ${tag}`;
    expect((await api(`/series/${series.id}/episodes/1/comments`, { body: { text: theirs, atS: 2 }, token: other.token })).status).toBe(201);

    await page.goto(`${stack.urls.APP}/#/packages/watch/pages/player/index?seriesId=${series.id}&episode=1`);
    const playedS = () => page.evaluate(() => document.querySelector('video')?.currentTime ?? 0);
    await eventually(playedS, (t) => t > 0.3, 'the episode playing', 20_000);

    // Another viewer's comment, timed at 0:02, flies when playback gets there: right to left.
    const first = await eventually(() => boxes(theirs), (b) => b.item !== null, 'their 弹幕 on screen', 15_000);
    await eventually(() => boxes(theirs), (b) => b.item !== null && b.item.left < first.item!.left - 20, 'their 弹幕 moving left');

    // The viewer writes one, with markup in it, as 弹幕 at the current moment.
    const mine = `<img src=x onerror="window.__pwned=1">好看 ${tag}`;
    await page.getByRole('button', { name: '评论', exact: true }).click();
    await page.locator('.comment-sheet__input input').fill(mine);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await page.getByText('已发送，弹幕已飞出').waitFor();
    await page.getByRole('button', { name: '关闭', exact: true }).click();

    const start = await eventually(() => boxes(mine), (b) => b.item !== null, 'my 弹幕 on screen');
    const moved = await eventually(() => boxes(mine), (b) => b.item !== null && b.item.left < start.item!.left - 20, 'my 弹幕 moving left');
    for (const { picture, item } of [start, moved]) {
      expect(item!.top).toBeGreaterThanOrEqual(picture.top + picture.height * danmakuBand.top - 1);
      // Above the subtitles, which start at 62 % of the picture.
      expect(item!.bottom).toBeLessThanOrEqual(picture.top + picture.height * 0.62);
    }
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.danmaku img, .comment-sheet img').count()).toBe(0);

    // Stored with its moment in the episode, for everyone who plays it next.
    const listed = (await api(`/series/${series.id}/episodes/1/comments`)).body.items as Array<{ text: string; atS?: number }>;
    expect(listed.find((c) => c.text === mine)?.atS).toEqual(expect.any(Number));

    // ♥ counts once; 弹幕 can be switched off.
    const like = page.getByRole('button', { name: '点赞', exact: true });
    await like.click();
    await eventually(() => like.getAttribute('aria-pressed'), (v) => v === 'true', 'the ♥ on');
    await eventually(() => api(`/series/${series.id}/episodes/1/like`), (r) => r.body.likes >= 1, 'the ♥ counted by the API');
    await page.getByRole('button', { name: '关闭弹幕', exact: true }).click();
    await eventually(() => page.locator('.danmaku').count(), (n) => n === 0, '弹幕 switched off');
  });
});

describe('home tabs and search', () => {
  it('opens 热播榜 and 新剧 from the home page, and finds a drama typed in pinyin initials', async () => {
    await runJob(stack, 'computeRankings');
    const hot = (await api('/rankings/hot')).body.items as Array<{ title: string }>;
    const fresh = (await api('/rankings/new')).body.items as Array<{ title: string }>;
    await page.goto(stack.urls.APP);
    await page.locator('.feed').waitFor();
    await page.getByRole('tab', { name: '热播榜' }).click();
    await eventually(() => page.locator('.series-row__title').allTextContents(), (titles) => titles.length === hot.length, 'the 热播榜 rows');
    expect(await page.locator('.series-row__title').allTextContents()).toEqual(hot.map((s) => s.title));
    await page.getByRole('tab', { name: '新剧' }).click();
    await eventually(() => page.locator('.series-row__title').allTextContents(), (titles) => titles.join() === fresh.map((s) => s.title).join(), 'the 新剧 rows, newest first');
    // A video left playing behind a list would be heard: the feed's is gone.
    expect(await page.locator('.feed video').count()).toBe(0);

    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.locator('.search-page__input input').fill('qjgl');
    // (Taro keeps the home page, with its rows, in the DOM below the search page.)
    await eventually(() => page.locator('.search-page .series-row__title').allTextContents(), (titles) => titles[0] === '千金归来', 'qjgl → 千金归来');
  });
});
