import { seedSeries } from '../../functions/local/seed/catalog';
import { eventually } from '../support/eventually';
import { addSeries, putEpisode, runJob } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { readStackInfo } from '../support/stack-setup';

const stack = readStackInfo('integration');
const { api, signIn } = apiClient(stack.urls.API);
/** What the platform delivered to the account a login code signs in (it knows openids, not our user ids). */
const inbox = async (code: string) => (await call(stack.urls.SANDBOX, `/inbox?code=${code}`)).body.items as Array<{ page: string; body: string; templateId: string }>;
const consentOf = async (token: string, kind: string) => (await api('/me/consents', { token })).body.items.find((i: { kind: string }) => i.kind === kind);
/** A sign-in that keeps its login code, to ask the platform's inbox by. */
const signInAs = async (code: string) => ({ code, ...(await signIn(code)) });
const failSends = (count: number, mode: 'transient' | 'refused') => call(stack.urls.SANDBOX, '/control/fail-sends', { body: { count, mode } });

/** A seeded episode's media (not the catalog's first series: other suites publish series of their own). */
const mediaKey = `media/${seedSeries[0].id}/ep-001.mp4`;

describe('consents', () => {
  it('records accepts as one-time counts and long-term flags, and withdraws them', async () => {
    const { token } = await signIn('consenter');
    const posted = await api('/consents', { body: { platform: 'sandbox', results: { episode_update: 'accept', checkin: 'reject', home_recommend: 'accept' } }, token });
    expect(posted.status).toBe(200);
    await api('/consents', { body: { platform: 'sandbox', results: { episode_update: 'accept' } }, token });
    expect(await consentOf(token, 'episode_update')).toMatchObject({ oneTimeLeft: 2, longTerm: false, status: 'accepted', templateId: expect.any(String) });
    expect(await consentOf(token, 'home_recommend')).toMatchObject({ longTerm: true, status: 'accepted' });
    expect(await consentOf(token, 'checkin')).toMatchObject({ oneTimeLeft: 0, status: 'rejected' });
    const withdrawn = await api('/consents/episode_update', { method: 'DELETE', token });
    expect(withdrawn.body.items.find((i: { kind: string }) => i.kind === 'episode_update')).toMatchObject({ oneTimeLeft: 0, status: 'withdrawn' });
  });

  it('refuses unknown kinds and answers', async () => {
    const { token } = await signIn('consent-typo');
    expect((await api('/consents', { body: { platform: 'sandbox', results: { spam: 'accept' } }, token })).status).toBe(400);
    expect((await api('/consents', { body: { platform: 'sandbox', results: { checkin: 'maybe' } }, token })).status).toBe(400);
    expect((await api('/consents', { body: { platform: 'sandbox', results: {} }, token })).status).toBe(400);
    expect((await api('/consents/spam', { method: 'DELETE', token })).status).toBe(400);
  });
});

describe('episode release reminders', () => {
  it('tells followers with consent, once, and consumes the consent; others hear nothing', async () => {
    await addSeries(stack, { id: 'release-drama', episodes: 3, freeEpisodes: 3, episodePriceCoins: 30, seriesPriceFen: 990, mediaKey });
    await eventually(() => api('/series/release-drama'), (r) => r.status === 200, 'the fixture series in the catalog');
    const fan = await signInAs('release-fan');
    const silent = await signInAs('release-follower-without-consent');
    for (const u of [fan, silent]) expect((await api('/follows/release-drama', { method: 'POST', token: u.token })).status).toBe(200);
    await api('/consents', { body: { platform: 'sandbox', results: { episode_update: 'accept' } }, token: fan.token });

    await putEpisode(stack, { seriesId: 'release-drama', index: 4, mediaKey, releaseAt: new Date(Date.now() + 3600_000).toISOString() });
    await runJob(stack, 'releaseEpisodes');
    expect(await inbox(fan.code)).toHaveLength(0);

    await putEpisode(stack, { seriesId: 'release-drama', index: 4, mediaKey, releaseAt: new Date(Date.now() - 1000).toISOString() });
    await runJob(stack, 'releaseEpisodes');
    await runJob(stack, 'releaseEpisodes');
    const messages = await inbox(fan.code);
    expect(messages).toHaveLength(1);
    expect(messages[0].page).toBe('packages/watch/pages/player/index?seriesId=release-drama&episode=4&from=reminder&rk=episode_update');
    expect(await inbox(silent.code)).toHaveLength(0);
    expect(await consentOf(fan.token, 'episode_update')).toMatchObject({ oneTimeLeft: 0, status: 'used_up' });
  });

  it('retries transient platform errors and stops for good when the user refused', async () => {
    await addSeries(stack, { id: 'retry-drama', episodes: 2, freeEpisodes: 2, episodePriceCoins: 30, seriesPriceFen: 990, mediaKey });
    await eventually(() => api('/series/retry-drama'), (r) => r.status === 200, 'the fixture series in the catalog');
    const patient = await signInAs('retry-patient');
    const refuser = await signInAs('retry-refuser');
    for (const u of [patient, refuser]) {
      await api('/follows/retry-drama', { method: 'POST', token: u.token });
      await api('/consents', { body: { platform: 'sandbox', results: { episode_update: 'accept' } }, token: u.token });
    }
    await failSends(2, 'transient');
    await putEpisode(stack, { seriesId: 'retry-drama', index: 3, mediaKey, releaseAt: new Date(Date.now() - 1000).toISOString() });
    await runJob(stack, 'releaseEpisodes');
    const delivered = [...(await inbox(patient.code)), ...(await inbox(refuser.code))];
    expect(delivered).toHaveLength(2);

    // Only the refuser has a consent left, so only the refuser's send reaches the platform.
    await api('/consents', { body: { platform: 'sandbox', results: { episode_update: 'accept' } }, token: refuser.token });
    await putEpisode(stack, { seriesId: 'retry-drama', index: 4, mediaKey, releaseAt: new Date(Date.now() - 1000).toISOString() });
    await failSends(1, 'refused');
    await runJob(stack, 'releaseEpisodes');
    expect(await consentOf(refuser.token, 'episode_update')).toMatchObject({ oneTimeLeft: 0, status: 'refused' });
    expect(await inbox(refuser.code)).toHaveLength(1);
  });
});

describe('habits', () => {
  it('checks in once a day and credits the reward once', async () => {
    const { token } = await signIn('checker');
    const first = await api('/checkins', { body: {}, token });
    const again = await api('/checkins', { body: {}, token });
    expect(first.body).toMatchObject({ streak: 1, already: false });
    expect(again.body).toMatchObject({ streak: 1, already: true, date: first.body.date });
    const wallet = (await api('/me/wallet', { token })).body;
    expect(wallet.coins + wallet.bonusCoins).toBe(first.body.reward.coins + first.body.reward.bonusCoins);
    const status = (await api('/me/checkins', { token })).body;
    expect(status).toMatchObject({ checkedInToday: true, streak: 1 });
    expect(status.days).toHaveLength(7);
    expect(status.days[0]).toMatchObject({ date: first.body.date, day: 1, checked: true, reward: first.body.reward });
  });

  it('follows, saves progress (throttled) and lists history, most recent first', async () => {
    const { token } = await signIn('binger');
    const [a, b] = (await api('/series')).body.items;
    await api('/follows/' + a.id, { method: 'POST', token });
    expect((await api('/me/follows', { token })).body.items.map((f: { seriesId: string }) => f.seriesId)).toEqual([a.id]);
    await api('/follows/' + a.id, { method: 'DELETE', token });
    expect((await api('/me/follows', { token })).body.items).toEqual([]);
    expect((await api('/follows/no-such-drama', { method: 'POST', token })).status).toBe(404);

    expect((await api('/progress', { method: 'PUT', body: { seriesId: a.id, episode: 2, positionS: 3 }, token })).body.saved).toBe(true);
    expect((await api('/progress', { method: 'PUT', body: { seriesId: a.id, episode: 2, positionS: 4 }, token })).body.saved).toBe(false);
    expect((await api('/progress', { method: 'PUT', body: { seriesId: b.id, episode: 1, positionS: 7.5 }, token })).body.saved).toBe(true);
    expect((await api('/progress', { method: 'PUT', body: { seriesId: b.id, episode: 1, positionS: -1 }, token })).status).toBe(400);
    const history = (await api('/me/history', { token })).body.items;
    expect(history.map((h: { seriesId: string }) => h.seriesId)).toEqual([b.id, a.id]);
    expect(history[1]).toMatchObject({ episode: 2, positionS: 3 });
  });
});
