import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { BrowserContext, Page } from 'playwright-core';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { tableDocuments } from '../support/fixtures';
import { readStackInfo } from '../support/stack-setup';

/**
 * Traffic → watch → pay, end to end in Chromium: an operator builds a series in the H5 console
 * (uploading two episodes through presigned PUTs, pricing it, publishing it), a viewer arrives from
 * an ad with a clickid, watches, meets the paywall and pays at the sandbox cashier, and the console's
 * funnel chart shows that click, that play and that payment while the sandbox ad platform lists the
 * conversions.
 */
const stack = readStackInfo('e2e');
const shots = join(rootDir, '.tmp', 'e2e-shots');
mkdirSync(shots, { recursive: true });

const consoleUrl = (page: string) => `${stack.urls.APP}/#/packages/console/pages/${page}/index`;
/** Two rendered demo episodes (real H.264 files) to upload as the operator would. */
function episodeFiles(): string[] {
  const render = stackSettings().renderDir;
  const series = readdirSync(render).find((d) => readdirSync(join(render, d)).includes('ep-002.mp4'));
  if (!series) throw new Error(`no rendered episodes under ${render}`);
  return [join(render, series, 'ep-001.mp4'), join(render, series, 'ep-002.mp4')];
}

let operator: BrowserContext;
let viewer: BrowserContext;
afterAll(async () => {
  await operator?.close();
  await viewer?.close();
});

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `console-${name}.png`), fullPage: true });
};
/**
 * The funnel's own events (launch, play, payment) with the users they name: printed when the funnel
 * wait fails, so a failure tells wrong figures from a wrong chart. (The wait used to fail about once in
 * six runs with right events: the chart drew the campaign picked before ECharts had loaded; see echart.tsx.)
 */
async function funnelEvents(): Promise<string[]> {
  const client = tableDocuments(stack);
  const lines: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const batch = await client.send(new ScanCommand({ TableName: stack.tableName, FilterExpression: '#t = :e', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':e': 'event' }, ExclusiveStartKey: start }));
    for (const e of batch.Items ?? []) {
      if (['launch', 'play_start', 'paid'].includes(e.kind)) lines.push(`${e.at} ${e.kind} ${e.userId} campaign=${e.campaign ?? '-'} clickid=${e.clickid ?? '-'} series=${e.seriesId ?? '-'}`);
    }
    start = batch.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return lines.sort();
}

const playedS = (page: Page) => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));

describe('the operator console and the ad funnel', () => {
  const seriesId = `e2e-ops-${Date.now().toString(36)}`;
  const campaign = `spring-${Date.now().toString(36)}`;
  const clickid = `e2eclick.${Date.now().toString(36)}`;
  let ops: Page;

  it('refuses the console without the operator secret', async () => {
    operator = await launchBrowser();
    ops = await operator.newPage();
    await ops.goto(consoleUrl('dashboard'));
    await ops.getByLabel('运营密钥').waitFor();
    await ops.getByLabel('运营密钥').fill('not-the-secret');
    await ops.getByRole('button', { name: '登录' }).click();
    await ops.getByRole('alert').getByText('运营密钥不对，请重新输入').waitFor();
  });

  it('lets the operator add a series with two uploaded episodes and a price, and publish it', async () => {
    await ops.getByLabel('运营密钥').fill(stack.apiEnv.OPERATOR_SECRET);
    await ops.getByRole('button', { name: '登录' }).click();
    await ops.getByRole('navigation', { name: '运营后台' }).waitFor();

    await ops.getByRole('button', { name: '剧集' }).click();
    await ops.getByRole('button', { name: '新建剧集' }).click();
    await ops.getByLabel('剧集 ID').fill(seriesId);
    await ops.getByLabel('剧名').fill('运营上新');
    await ops.getByLabel('免费集数').fill('1');
    await ops.getByLabel('单集价格（金币）').fill('60');
    await ops.getByLabel('全集价格（元）').fill('12.90');
    await ops.getByLabel('备案号').fill('(2026)沪剧审字第088号');
    // The platforms take a drama with its cover.
    await ops.getByRole('button', { name: '封面', exact: true }).setInputFiles(join(dirname(episodeFiles()[0]), 'cover.jpg'));
    await ops.getByRole('status').getByText('封面已上传，保存后生效').waitFor();
    await ops.getByRole('button', { name: '保存' }).click();
    await ops.getByRole('status').getByText('已保存').waitFor();
    // A paid drama goes on sale only with its budget tier and cost report beside the licence.
    await ops.getByLabel('预算档位').selectOption('provincial');
    await ops.getByLabel('成本配置比例情况报告（图片）').setInputFiles(join(dirname(episodeFiles()[0]), 'cover.jpg'));
    await ops.getByRole('button', { name: '保存合规信息' }).click();
    await ops.getByRole('status').getByText('合规信息已保存').waitFor();

    const files = episodeFiles();
    for (const [i, file] of files.entries()) {
      await ops.getByLabel('视频文件（MP4）').setInputFiles(file);
      await ops.getByRole('button', { name: `上传第 ${i + 1} 集` }).click();
      await ops.getByRole('status').getByText(`第 ${i + 1} 集已上传`).waitFor({ timeout: 30_000 });
    }
    // Taro keeps the pages below in the DOM (hidden): the series list has a table too.
    const episodes = ops.locator('section[aria-label^="分集"] .console-table');
    expect(await episodes.locator('tbody tr').count()).toBe(2);
    // Episodes can be edited in place (title, schedule, price) without uploading again.
    await ops.getByRole('button', { name: '编辑第 2 集' }).click();
    await ops.getByLabel('第 2 集标题').fill('第2集 真相');
    await ops.getByRole('button', { name: '保存第 2 集' }).click();
    await ops.getByRole('status').getByText('第 2 集已保存').waitFor();
    await episodes.getByText('第2集 真相').waitFor();
    await ops.getByRole('button', { name: '上架' }).click();
    await ops.getByRole('status').getByText('已上架').waitFor();
    await shot(ops, 'editor');

    // Viewers see it once the platforms approved it: the licence burned into both episodes, the
    // episodes in Douyin's library and WeChat's media assets, reviewed (the sandbox approves).
    const listed = await eventually(
      async () => ((await (await fetch(`${stack.urls.API}/series`)).json()) as { items: Array<{ id: string; seriesPriceFen: number; licence?: string }> }).items.find((s) => s.id === seriesId),
      (s) => Boolean(s),
      'the new series in GET /series',
      90_000,
    );
    expect(listed).toMatchObject({ seriesPriceFen: 1290, licence: '(2026)沪剧审字第088号' });
    await ops.getByRole('button', { name: '剧集' }).click();
    const row = ops.getByRole('link', { name: '运营上新' });
    // The list follows the platforms while they work (it reads itself again every few seconds).
    await row.getByText('抖音 已上线').waitFor();
    await row.getByText('微信 审核通过').waitFor();
  }, 180_000);

  it('lets a viewer launched from an ad watch the free episode and pay for the series', async () => {
    viewer = await launchBrowser();
    const page = await viewer.newPage();
    await page.goto(`${stack.urls.APP}/#/packages/watch/pages/player/index?seriesId=${seriesId}&episode=1&clickid=${clickid}&campaign=${campaign}&channel=douyin`);
    await eventually(() => playedS(page), (t) => t > 0.3, 'the uploaded free episode playing', 20_000);
    await page.locator('.player__next').click();
    await page.getByText('第 2 集需解锁后观看').waitFor();
    await page.locator('.paywall').getByText('解锁全集').click();
    const cashier = page.getByRole('dialog', { name: '收银台' });
    await cashier.getByText('确认支付').click();
    await page.getByText('支付成功').waitFor({ timeout: 30_000 });
    await eventually(() => playedS(page), (t) => t > 0.5, 'episode 2 playing after the purchase', 20_000);

    const received = await eventually(
      async () => ((await (await fetch(`${stack.urls.SANDBOX}/conversions?callback=${encodeURIComponent(clickid)}&accepted=true`)).json()) as { items: Array<{ platform: string; eventType: string }> }).items,
      (items) => items.some((c) => c.eventType === 'active_pay'),
      'the payment conversion at the ad platform',
    );
    expect(received.map((c) => `${c.platform}:${c.eventType}`).sort()).toEqual(['oceanengine:active', 'oceanengine:active_pay', 'oceanengine:game_addiction']);
  });

  it('shows the click, the play and the payment in the campaign funnel, and the revenue', async () => {
    await ops.getByRole('button', { name: '数据' }).click();
    await ops.getByRole('button', { name: '今天' }).click();
    await ops.getByRole('group', { name: '投放计划' }).getByRole('button', { name: campaign }).click();
    const funnel = ops.getByRole('img', { name: `计划 ${campaign} 的漏斗` });
    try {
      for (const label of ['启动 1', '播放 1 · 100%', '付费墙 1 · 100%', '下单 1 · 100%', '支付 1 · 100%']) {
        await funnel.locator('text').filter({ hasText: label }).first().waitFor();
      }
    } catch (error) {
      await shot(ops, 'dashboard-failed'); // what the operator saw instead (this wait once timed out in CI)
      console.error(`funnel events:\n${(await funnelEvents()).join('\n')}`);
      throw error;
    }
    await ops.getByRole('group', { name: '剧集' }).getByRole('button', { name: '运营上新' }).click();
    await ops.getByRole('img', { name: '《运营上新》的漏斗' }).locator('text').filter({ hasText: '支付 1' }).first().waitFor();
    await ops.getByRole('img', { name: '收入构成' }).locator('text').filter({ hasText: '整剧《运营上新》' }).first().waitFor();
    await shot(ops, 'dashboard');
  });
});
