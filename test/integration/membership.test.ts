import { useStackEnv } from '../support/use-stack-env';
import { apiClient, call } from '../support/http';
import { buy } from '../support/pay';
import { addMonths } from '@drama/shared/membership';

const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);

/** The renewal job's domain pass, run with the real adapters and a clock the test moves. */
async function renewAt(at: Date) {
  const { renewDueMemberships } = await import('../../functions/src/domain/membership/renew');
  const { dynamoWallets } = await import('../../functions/src/adapters/dynamodb-wallet');
  const { dynamoOrders } = await import('../../functions/src/adapters/dynamodb-orders');
  const { douyinDeduction } = await import('../../functions/src/adapters/platform/douyin-deduction');
  const { dynamoEvents } = await import('../../functions/src/adapters/dynamodb-events');
  const now = () => at;
  const wallets = dynamoWallets(now);
  return renewDueMemberships({ orders: dynamoOrders, wallets, events: dynamoEvents, now, log: () => undefined, charger: douyinDeduction(), dueBefore: (before) => wallets.dueForRenewal(before) });
}

const hours = (n: number) => n * 3600_000;
const failNextCharges = (count: number) => call(stack.urls.SANDBOX, '/control/fail-deductions', { body: { count } });
const membershipOf = async (token: string) => (await api('/me/wallet', { token })).body.membership;

describe('memberships', () => {
  it('renews an auto-renew member after one failed charge, extending by a calendar month', async () => {
    const { token } = await signIn('member-renews');
    await buy(stack.urls, token, { kind: 'membership', plan: 'month_auto' });
    const first = await membershipOf(token);
    expect(first).toMatchObject({ plan: 'month_auto', autoRenew: true });
    const end = new Date(first.expiresAt);

    await failNextCharges(1);
    expect((await renewAt(new Date(end.getTime() - hours(23)))).retry).toBeGreaterThanOrEqual(1);
    expect((await membershipOf(token)).expiresAt).toBe(first.expiresAt);
    // Inside the retry wait nothing is charged again.
    expect((await renewAt(new Date(end.getTime() - hours(20)))).waiting).toBeGreaterThanOrEqual(1);
    expect((await renewAt(new Date(end.getTime() - hours(17)))).renewed).toBeGreaterThanOrEqual(1);
    const renewed = await membershipOf(token);
    expect(renewed.expiresAt).toBe(addMonths(end, 1, undefined).toISOString());
    // Running again for the same period charges nothing more.
    await renewAt(new Date(end.getTime() - hours(16)));
    expect((await membershipOf(token)).expiresAt).toBe(renewed.expiresAt);
  });

  it('cancel stops renewal and keeps the paid period', async () => {
    const { token } = await signIn('member-cancels');
    await buy(stack.urls, token, { kind: 'membership', plan: 'year_auto' });
    const before = await membershipOf(token);
    const cancelled = await api('/memberships/cancel', { body: {}, token });
    expect(cancelled.status).toBe(200);
    // Renewal stopped: no next charge is announced any more.
    expect(cancelled.body.membership).toEqual({ ...before, autoRenew: false, renewal: undefined });
    await renewAt(new Date(Date.parse(before.expiresAt) - hours(1)));
    expect(await membershipOf(token)).toEqual({ ...before, autoRenew: false, renewal: undefined });
    const locked = (await api('/series')).body.items[0];
    expect((await api('/play', { body: { seriesId: locked.id, episode: locked.freeEpisodes + 1 }, token })).status).toBe(200);
  });

  it('lets the membership lapse after the last failed charge', async () => {
    const { token } = await signIn('member-lapses');
    await buy(stack.urls, token, { kind: 'membership', plan: 'month_auto' });
    const { expiresAt } = await membershipOf(token);
    const end = new Date(expiresAt);
    await failNextCharges(3);
    await renewAt(new Date(end.getTime() - hours(23)));
    await renewAt(new Date(end.getTime() - hours(17)));
    expect((await renewAt(new Date(end.getTime() - hours(11)))).lapsed).toBeGreaterThanOrEqual(1);
    expect(await membershipOf(token)).toEqual({ plan: 'month_auto', expiresAt, autoRenew: false });
    await failNextCharges(0);
    // After the period ends nothing renews it.
    await renewAt(new Date(end.getTime() + hours(1)));
    expect((await membershipOf(token)).expiresAt).toBe(expiresAt);
  });
});
