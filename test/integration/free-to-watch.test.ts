import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { adMinWatchS } from '@drama/shared/ads';
import { shanghaiDate } from '@drama/shared/calendar';
import { chargeAtOf } from '@drama/shared/membership';
import { presignGet } from '../../functions/src/adapters/media-url';
import { eventually } from '../support/eventually';
import { addSeries, runJob, tableDocuments } from '../support/fixtures';
import { apiClient, call, type Reply } from '../support/http';
import { buy } from '../support/pay';
import { useStackEnv } from '../support/use-stack-env';

/**
 * Free to watch, through the API and the sandbox platform: rewarded-ad unlocks (the sandbox plays
 * the ad network and calls back signed), the daily cap under concurrent requests, WeChat's
 * client-completion path, trial previews cut at ingest, what finishing costs, the renewal notice,
 * this month's spend and share launches in the funnel.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const sandbox = (path: string, body?: unknown) => call(stack.urls.SANDBOX, path, body === undefined ? {} : { body });
const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

interface SeriesFacts {
  id: string;
  freeEpisodes: number;
  episodeCount: number;
  episodePriceCoins: number;
  seriesPriceFen: number;
}
let series: SeriesFacts;
beforeAll(async () => {
  series = (await api('/series')).body.items.find((s: SeriesFacts) => s.episodeCount > s.freeEpisodes + 1);
});

const play = (token: string, episode: number, seriesId = series.id) => api('/play', { body: { seriesId, episode }, token });
const adUnlock = (token: string, episode: number, seriesId = series.id) => api('/ads/unlocks', { body: { seriesId, episode }, token });
const complete = (token: string, ticketId: string) => api(`/ads/unlocks/${ticketId}/complete`, { body: {}, token });
const adRows = async (token: string) => (await api('/me/ledger', { token })).body.items.filter((r: { reason: string }) => r.reason === 'ad');

/** The media's own description by ffmpeg: its duration and the stream lines (codec, size, profile). */
function probe(bytes: Buffer): { durationS: number; streams: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  try {
    writeFileSync(join(dir, 'media.mp4'), bytes);
    const log = spawnSync(ffmpeg, ['-hide_banner', '-i', join(dir, 'media.mp4')], { encoding: 'utf8' }).stderr;
    const m = /Duration: (\d+):(\d{2}):(\d{2}\.\d+)/.exec(log)!;
    // Bit rates differ between a part and the whole; the codec, profile, size and rate must not.
    const streams = [...log.matchAll(/Stream #0:\d.*?: (Video|Audio): ([^\n]*)/g)].map((s) => `${s[1]}: ${s[2].replace(/, \d+ kb\/s.*$/, '').replace(/ \(default\)/, '')}`);
    return { durationS: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), streams };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('rewarded-ad unlocks', () => {
  it('unlocks a locked episode after the sandbox network calls back signed, once, and what finishing costs drops by it', async () => {
    const viewer = await signIn('ad-watcher');
    const episode = series.freeEpisodes + 1;
    const before = (await api(`/series/${series.id}`, { token: viewer.token })).body.costToFinish;
    expect(before).toMatchObject({ episodes: series.episodeCount - series.freeEpisodes, coins: expect.any(Number), fen: expect.any(Number) });

    const ticket = await adUnlock(viewer.token, episode);
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ ticketId: expect.stringMatching(/^at_/), adUnitId: stack.apiEnv.AD_UNIT_ID, proof: 'callback', dailyLeft: 5 });
    // The app's report alone unlocks nothing: the network's callback has not come.
    expect((await complete(viewer.token, ticket.body.ticketId)).status).toBe(202);
    expect((await play(viewer.token, episode)).status).toBe(402);

    expect((await sandbox('/ads/watch', { ticketId: ticket.body.ticketId, userId: viewer.user.id })).status).toBe(200);
    const done = await eventually(() => complete(viewer.token, ticket.body.ticketId), (r: Reply) => r.status === 200, 'the ad unlock granted');
    expect(done.body).toEqual({ ticketId: ticket.body.ticketId, status: 'unlocked', seriesId: series.id, episode });
    expect((await play(viewer.token, episode)).status).toBe(200);
    const views = (await sandbox(`/ads/views?ticketId=${ticket.body.ticketId}`)).body.items;
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ delivered: true, attempts: [{ status: 200, reply: JSON.stringify({ isValid: true }) }] });

    // Watching again (the network delivers a second view) grants nothing more.
    await sandbox('/ads/watch', { ticketId: ticket.body.ticketId, userId: viewer.user.id });
    await eventually(() => sandbox(`/ads/views?ticketId=${ticket.body.ticketId}`), (r) => r.body.items[1]?.attempts.length > 0, 'the second callback answered');
    expect(await adRows(viewer.token)).toHaveLength(1);
    const after = (await api(`/series/${series.id}`, { token: viewer.token })).body.costToFinish;
    expect(after).toMatchObject({ episodes: before.episodes - 1, coins: before.coins - series.episodePriceCoins });
  });

  it('holds the daily cap under concurrent requests: five tickets, the rest 429, and asking again for an open ticket takes no slot', async () => {
    const id = `ad-cap-${Date.now().toString(36)}`;
    await addSeries(stack, { id, episodes: 12, freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 1990, mediaKey: `media/${series.id}/ep-001.mp4` });
    await eventually(() => api(`/series/${id}`), (r) => r.status === 200, 'the fixture series served');
    const viewer = await signIn(`ad-capped-${id}`);
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => adUnlock(viewer.token, i + 2, id)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(5);
    expect(replies.filter((r) => r.status === 429).map((r) => r.body.code)).toEqual(Array(5).fill('RATE_LIMITED'));
    const open = replies.findIndex((r) => r.status === 201);
    const again = await adUnlock(viewer.token, open + 2, id);
    expect([again.status, again.body.ticketId]).toEqual([201, replies[open].body.ticketId]);
  });

  it("redeems a WeChat viewer's ticket on the app's report, but not before the ad's minimum length", async () => {
    const viewer = await signIn('ad-wechat', 'wechat');
    const episode = series.freeEpisodes + 2;
    const ticket = await adUnlock(viewer.token, episode);
    expect(ticket.body).toMatchObject({ proof: 'client' });
    const early = await complete(viewer.token, ticket.body.ticketId);
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);
    expect((await complete((await signIn('ad-wechat-other', 'wechat')).token, ticket.body.ticketId)).status).toBe(404);

    // The ad has run its length: the ticket was issued that long ago (arranged in the table).
    const documents = tableDocuments(stack);
    await documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: { pk: `ADTICKET#${ticket.body.ticketId}`, sk: 'TICKET' },
        UpdateExpression: 'SET issuedAt = :then',
        ExpressionAttributeValues: { ':then': new Date(Date.now() - (adMinWatchS + 1) * 1000).toISOString() },
      }),
    );
    documents.destroy();
    expect((await complete(viewer.token, ticket.body.ticketId)).body).toMatchObject({ status: 'unlocked', episode });
    expect((await play(viewer.token, episode)).status).toBe(200);
    expect(await adRows(viewer.token)).toHaveLength(1);
  });
});

describe('trial previews', () => {
  it('carries a signed preview of a locked episode: its own faststart object, same encode, nothing past the cut', async () => {
    const viewer = await signIn('preview-viewer');
    const locked = await play(viewer.token, series.freeEpisodes + 1);
    expect(locked.status).toBe(402);
    const { preview, costToFinish } = locked.body;
    expect(costToFinish).toMatchObject({ episodes: series.episodeCount - series.freeEpisodes, cheapest: expect.any(String) });
    expect(locked.body.offers.filter((o: { cheapest?: boolean }) => o.cheapest)).toHaveLength(1);
    expect(preview).toMatchObject({ url: expect.any(String), durationS: expect.any(Number) });
    expect(new URL(preview.url).pathname).toContain('.preview-');

    const bytes = Buffer.from(await (await fetch(preview.url)).arrayBuffer());
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    const key = `media/${series.id}/ep-${String(series.freeEpisodes + 1).padStart(3, '0')}.mp4`;
    const whole = await presignGet({
      location: { endpoint: stack.urls.MEDIA, bucket: stack.mediaBucket, pathStyle: true, region: stack.apiEnv.AWS_REGION },
      key,
      userId: viewer.user.id,
      credentials: { accessKeyId: stack.apiEnv.AWS_ACCESS_KEY_ID, secretAccessKey: stack.apiEnv.AWS_SECRET_ACCESS_KEY },
      expiresInS: 60,
      now: new Date(),
    });
    const episode = probe(Buffer.from(await (await fetch(whole)).arrayBuffer()));
    const cut = probe(bytes);
    expect(cut.durationS).toBeLessThanOrEqual(preview.durationS + 0.1);
    expect(cut.durationS).toBeLessThanOrEqual(episode.durationS / 2 + 0.1);
    expect(cut.durationS).toBeGreaterThan(preview.durationS - 0.5);
    expect(cut.streams).toEqual(episode.streams);

    // Signed for this viewer: altered, it serves nothing.
    expect((await fetch(preview.url.replace(`x-drama-user=${viewer.user.id}`, 'x-drama-user=u_other'))).status).toBe(403);
    expect((await fetch(preview.url.split('?')[0])).status).toBe(403);
  });

  it('cuts previews for episodes an operator adds, on the ingest job, at the length the series asks for', async () => {
    const id = `preview-job-${Date.now().toString(36)}`;
    await addSeries(stack, { id, episodes: 3, freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 990, mediaKey: `media/${series.id}/ep-001.mp4` });
    const viewer = await signIn(`preview-job-${id}`);
    const before = await eventually(() => play(viewer.token, 2, id), (r) => r.status === 402, 'the fixture series served');
    expect(before.body.preview).toBeUndefined();
    const run = await runJob(stack, 'ingestMedia');
    expect(run.done).toBeGreaterThanOrEqual(2);
    // The fixture declares 12 s episodes: half of that, under the series' 15 s.
    const after = await eventually(() => play(viewer.token, 2, id), (r) => Boolean(r.body.preview), 'the preview offered');
    expect(after.body.preview.durationS).toBeGreaterThan(5.5);
    expect(after.body.preview.durationS).toBeLessThanOrEqual(6.1);
    expect((await runJob(stack, 'ingestMedia')).done).toBe(0);
  });
});

describe('honest prices', () => {
  it('shows the renewal date and amount, sends the pre-charge notice two days ahead once, and counts the month spend', async () => {
    const code = 'renewal-noticed';
    const viewer = await signIn(code);
    await buy(stack.urls, viewer.token, { kind: 'membership', plan: 'month_auto' });
    const { membership } = (await api('/me/wallet', { token: viewer.token })).body;
    expect(membership.renewal).toEqual({ chargeAt: chargeAtOf(membership.expiresAt), amountFen: 2500 });
    const ledger = (await api('/me/ledger', { token: viewer.token })).body;
    expect(ledger.month).toEqual({ month: shanghaiDate(new Date()).slice(0, 7), fen: 2500, coins: 0 });

    const notices = async (at: Date) => {
      const { sendPreChargeNotices } = await import('../../functions/src/domain/membership/pre-charge-notice');
      const { renewalPorts } = await import('../../functions/src/wiring/renewal-ports');
      const { dynamoWallets } = await import('../../functions/src/adapters/dynamodb-wallet');
      const wallets = dynamoWallets(() => at);
      return sendPreChargeNotices({ ...renewalPorts(), now: () => at, isQuiet: () => false, dueBefore: (before) => wallets.dueForRenewal(before) });
    };
    const inbox = async () => (await sandbox(`/inbox?code=${code}`)).body.items.filter((m: { templateId: string }) => m.templateId === 'MSG_DY_RENEWAL_NOTICE');
    const chargeAt = Date.parse(membership.renewal.chargeAt);
    await notices(new Date(chargeAt - 3 * 24 * 3600_000));
    expect(await inbox()).toEqual([]);
    await notices(new Date(chargeAt - 2 * 24 * 3600_000));
    await notices(new Date(chargeAt - 2 * 24 * 3600_000 + 3600_000));
    const sent = await inbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ title: '自动续费提醒', page: expect.stringContaining('packages/pay/pages/membership/index') });
    expect(sent[0].body).toContain('¥25.00');
    // Cancelled, so the membership suite's renewal passes (which charge every member due) never meet it.
    expect((await api('/memberships/cancel', { body: {}, token: viewer.token })).body.membership.renewal).toBeUndefined();
  });

  it('counts share launches in their own funnel row', async () => {
    const viewer = await signIn(`shared-to-${Date.now()}`);
    await api('/attribution/launch', { body: { channel: 'share', query: { channel: 'share', seriesId: series.id, episode: '2', sharer: 'u_someone' } }, token: viewer.token });
    await play(viewer.token, 1);
    const operator = (await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } })).body.token;
    const today = shanghaiDate(new Date());
    const funnel = (await api(`/admin/figures/funnel?from=${today}&to=${today}`, { token: operator })).body;
    expect(funnel.byCampaign.find((r: { key: string }) => r.key === '分享')?.counts).toMatchObject({ launch: expect.any(Number), play: expect.any(Number) });
  });
});
