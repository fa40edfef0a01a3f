import { adMinWatchS, adTicketTtlS } from '@drama/shared/ads';
import { unlockKey } from '@drama/shared/entitlement';
import { memoryAdTickets, memoryWallets } from '../../../../test/support/memory-stores';
import type { Series } from '../catalog/catalog';
import { holdingsOf } from '../wallet/wallet';
import { callbackSign, completeAdUnlock, redeemAdCallback, type RedeemPorts } from './redeem';
import { requestAdUnlock, type TicketPorts } from './tickets';

const series: Series = {
  id: 'fixture',
  title: '测试',
  genre: '悬疑',
  synopsis: '',
  tags: [],
  coverKey: 'covers/x.jpg',
  freeEpisodes: 1,
  episodePriceCoins: 40,
  seriesPriceFen: 2990,
  previewS: 15,
  adDailyCap: 2,
  order: 0,
  published: true,
  episodes: Array.from({ length: 6 }, (_, i) => ({ index: i + 1, title: `第${i + 1}集`, durationS: 30, mediaKey: `media/fixture/${i + 1}.mp4` })),
};

/** The ad routes' domain on in-memory stores, with a clock the test moves and a platform per viewer. */
function setup(platforms: Record<string, string> = {}) {
  let now = new Date('2026-06-01T04:00:00Z');
  const clock = () => now;
  const tickets = memoryAdTickets();
  const wallets = memoryWallets(clock);
  const catalog = { listSeries: async () => [series], getSeries: async (id: string) => (id === series.id ? series : undefined) };
  const ticketPorts: TicketPorts = {
    catalog,
    holdings: { holdingsOf: async (userId) => holdingsOf(await wallets.get(userId)) },
    tickets,
    viewers: { identityOf: async (userId) => ({ platform: platforms[userId] ?? 'douyin' }) },
    adUnitId: 'unit-1',
    now: clock,
  };
  const redeemPorts: RedeemPorts = { tickets, wallets, catalog, securityKey: 'the-key', now: clock, log: () => undefined };
  const callback = (transId: string, extra: string, userId: string, key = 'the-key') => ({ trans_id: transId, user_id: userId, extra, sign: callbackSign(key, transId) });
  const unlocked = async (userId: string, episode: number) => holdingsOf(await wallets.get(userId)).unlockedEpisodes?.has(unlockKey(series.id, episode)) ?? false;
  return { ticketPorts, redeemPorts, wallets, tickets, callback, unlocked, advance: (s: number) => (now = new Date(now.getTime() + s * 1000)) };
}

describe('rewarded-ad unlocks', () => {
  it('unlocks the episode on a signed callback, once, with one ledger row', async () => {
    const t = setup();
    const ticket = await requestAdUnlock({ seriesId: series.id, episode: 3 }, 'u1', t.ticketPorts);
    expect(ticket).toMatchObject({ adUnitId: 'unit-1', proof: 'callback', dailyLeft: 2 });
    const status = await redeemAdCallback(t.callback('tr-1', ticket.ticketId, 'u1'), t.redeemPorts);
    expect(status).toMatchObject({ status: 'unlocked', episode: 3 });
    expect(await t.unlocked('u1', 3)).toBe(true);
    // The network retries the same callback: nothing more is granted.
    await redeemAdCallback(t.callback('tr-1', ticket.ticketId, 'u1'), t.redeemPorts);
    expect(t.wallets.entries.filter((e) => e.reason === 'ad')).toHaveLength(1);
  });

  it('refuses forged signs, another viewer, a transaction reused for another ticket and an expired ticket', async () => {
    const t = setup();
    const mine = await requestAdUnlock({ seriesId: series.id, episode: 2 }, 'u1', t.ticketPorts);
    await expect(redeemAdCallback(t.callback('tr-a', mine.ticketId, 'u1', 'wrong-key'), t.redeemPorts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(redeemAdCallback(t.callback('tr-a', mine.ticketId, 'u2'), t.redeemPorts)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await requestAdUnlock({ seriesId: series.id, episode: 2 }, 'u2', t.ticketPorts);
    await redeemAdCallback(t.callback('tr-b', other.ticketId, 'u2'), t.redeemPorts);
    await expect(redeemAdCallback(t.callback('tr-b', mine.ticketId, 'u1'), t.redeemPorts)).rejects.toMatchObject({ code: 'CONFLICT' });
    t.advance(adTicketTtlS + 1);
    await expect(redeemAdCallback(t.callback('tr-c', mine.ticketId, 'u1'), t.redeemPorts)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.unlocked('u1', 2)).toBe(false);
    expect(await t.unlocked('u2', 2)).toBe(true);
  });

  it("redeems a WeChat viewer's ticket on the client's report only after the ad's minimum length", async () => {
    const t = setup({ wx: 'wechat' });
    const ticket = await requestAdUnlock({ seriesId: series.id, episode: 4 }, 'wx', t.ticketPorts);
    expect(ticket.proof).toBe('client');
    t.advance(adMinWatchS - 1);
    await expect(completeAdUnlock(ticket.ticketId, 'wx', t.redeemPorts)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(completeAdUnlock(ticket.ticketId, 'someone-else', t.redeemPorts)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    t.advance(1);
    expect(await completeAdUnlock(ticket.ticketId, 'wx', t.redeemPorts)).toMatchObject({ status: 'unlocked' });
    expect(await t.unlocked('wx', 4)).toBe(true);
  });

  it("never redeems a callback-proof ticket on the client's word", async () => {
    const t = setup();
    const ticket = await requestAdUnlock({ seriesId: series.id, episode: 4 }, 'u1', t.ticketPorts);
    t.advance(adMinWatchS + 5);
    expect(await completeAdUnlock(ticket.ticketId, 'u1', t.redeemPorts)).toMatchObject({ status: 'pending' });
    expect(await t.unlocked('u1', 4)).toBe(false);
  });

  it('hands back the open ticket for the same episode and stops at the daily cap', async () => {
    const t = setup();
    const first = await requestAdUnlock({ seriesId: series.id, episode: 2 }, 'u1', t.ticketPorts);
    expect((await requestAdUnlock({ seriesId: series.id, episode: 2 }, 'u1', t.ticketPorts)).ticketId).toBe(first.ticketId);
    await requestAdUnlock({ seriesId: series.id, episode: 3 }, 'u1', t.ticketPorts);
    await expect(requestAdUnlock({ seriesId: series.id, episode: 4 }, 'u1', t.ticketPorts)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another viewer has a cap of their own; episodes that already play need no ticket.
    await expect(requestAdUnlock({ seriesId: series.id, episode: 4 }, 'u2', t.ticketPorts)).resolves.toMatchObject({ dailyLeft: 2 });
    await expect(requestAdUnlock({ seriesId: series.id, episode: 1 }, 'u2', t.ticketPorts)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
