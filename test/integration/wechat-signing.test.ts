import type { ProductCatalog } from '@drama/shared/products';
import { chargeDay, noticeDay, signedPeriodDays } from '@drama/shared/wechat-signing';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { signedWechatRequest } from '../../functions/sandbox/payments';
import { eventually } from '../support/eventually';
import { tableDocuments } from '../support/fixtures';
import { apiClient, call } from '../support/http';
import { useStackEnv } from '../support/use-stack-env';

/**
 * WeChat's membership subscription through its lifecycle: signed in WeChat (the sandbox's signing
 * page), the first charge, a renewal whose pre-charge notice and charge wait for 07:10–21:50 and for
 * day t-2 and day t, a failed charge retried, and the viewer ending it in WeChat. The job runs here
 * with a clock the test moves, and the sandbox platform's rules read the same clock.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const sandbox = (path: string, body?: unknown) => call(stack.urls.SANDBOX, path, body === undefined ? {} : { body });
const day = 24 * 3600_000;

type Modules = { signing: typeof import('../../functions/src/domain/membership/wechat-signing'); ports: typeof import('../../functions/src/wiring/signing-ports'); core: typeof import('../../functions/src/wiring/ports') };
let m: Modules;
beforeAll(async () => {
  m = {
    signing: await import('../../functions/src/domain/membership/wechat-signing'),
    ports: await import('../../functions/src/wiring/signing-ports'),
    core: await import('../../functions/src/wiring/ports'),
  };
});
afterAll(() => sandbox('/control/clock', { now: null }));

/** Shanghai `date` (YYYY-MM-DD) at `hhmm`, as an instant. */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
/** Runs the job as the schedule would at `when`, with the sandbox platform's clock there too. */
async function jobAt(when: Date) {
  await sandbox('/control/clock', { now: when.toISOString() });
  return m.signing.renewSignedMembers({ ...m.ports.signingPorts, now: () => when, dueBefore: (before) => m.core.wallets.dueForRenewal(before) });
}
const contractsOf = async (code: string) => ((await sandbox('/signing/contracts')).body.items as Array<{ contractCode: string; notices: unknown[]; charges: Array<{ paid: boolean }>; state: string }>).find((c) => c.contractCode === code)!;
const wallet = (token: string) => api('/me/wallet', { token });
async function tableGet(pk: string, sk: string) {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const documents = tableDocuments(stack);
  const { Item } = await documents.send(new GetCommand({ TableName: stack.tableName, Key: { pk, sk } }));
  documents.destroy();
  return Item;
}

it('signs, charges the first month, then renews only after a notice on day t-2, on day t, between 07:10 and 21:50; a failed charge is retried; ending it in WeChat stops renewal', async () => {
  const viewer = await signIn(`wx-signer-${Date.now()}`, 'wechat');
  // On WeChat an auto-renewing plan is signed, never bought as a one-off.
  expect((await api('/orders', { body: { platform: 'wechat', requestId: `o-${Date.now()}`, product: { kind: 'membership', plan: 'month_auto' } }, token: viewer.token })).status).toBe(409);
  const started = await api('/memberships/sign', { body: { plan: 'month_auto' }, token: viewer.token });
  expect(started.status).toBe(200);
  const { contractCode, signParams } = started.body;

  // The viewer signs on WeChat's page, at 23:00: the first charge waits for the window to open.
  const signedAt = new Date();
  const night = at(new Date(signedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10), '23:00');
  await sandbox('/control/clock', { now: night.toISOString() });
  expect((await sandbox('/requestSubscribeSign', signParams)).status).toBe(200);
  await eventually(() => api('/me/signing', { token: viewer.token }), (r) => r.body.signing?.state === 'signed', 'signed');
  // Where the API's own clock is inside the charge window it tries the first charge at once (the
  // sandbox, at 23:00, refuses it): the jobs below must see that attempt's result, not a call in flight
  // (on a busy stack it can outlast the next step).
  // The push is answered only once the API's handler, that attempt included, has finished; before
  // it is, the signing can read "signed" with no charge recorded yet.
  await eventually(
    () => sandbox(`/deliveries?orderId=${contractCode}`),
    (r) => (r.body.items as Array<{ kind: string; delivered: boolean }>).some((d) => d.kind === 'signing' && d.delivered),
    'the signing push answered',
  );
  const signingOf = () => m.ports.signingPorts.signings.get(viewer.user.id);
  await eventually(
    async () => {
      const orderId = (await signingOf())?.lastCharge?.orderId;
      return orderId ? ((await m.ports.signingPorts.orders.get(orderId))?.status ?? 'none') : 'none';
    },
    (status) => status !== 'pending',
    'the sign-time charge attempt settled',
  );
  expect(await jobAt(night)).toMatchObject({ 'outside-window': 1 });
  const morning = new Date(night.getTime() + 8.5 * 3600_000); // 07:30 the next day, within 12 hours of signing
  expect(await jobAt(morning)).toMatchObject({ charging: 1 });
  const first = await eventually(() => wallet(viewer.token), (r) => Boolean(r.body.membership), 'the first month granted');
  const expiresAt = first.body.membership.expiresAt as string;
  // A signed month is 31 days, not a calendar month.
  expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan((signedPeriodDays.month_auto - 1) * day);
  expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(signedPeriodDays.month_auto * day);

  // Renewal: no notice at 22:30 on day t-2, one at 07:30; no charge on day t-1, nor at 06:00 on day t; a charge at 10:00.
  const t2 = noticeDay(expiresAt);
  const t = chargeDay(expiresAt);
  expect(await jobAt(at(t2, '22:30'))).toMatchObject({ 'outside-window': 1, noticed: 0 });
  expect((await contractsOf(contractCode)).notices).toHaveLength(0);
  expect(await jobAt(at(t2, '07:30'))).toMatchObject({ noticed: 1 });
  expect((await contractsOf(contractCode)).notices).toHaveLength(1);
  expect(await jobAt(new Date(at(t2, '12:00').getTime() + day))).toMatchObject({ waiting: 1, charging: 0 });
  expect(await jobAt(at(t, '06:00'))).toMatchObject({ 'outside-window': 1 });
  // The first try fails (an empty balance): the order fails, then is charged again six hours later.
  await sandbox('/control/fail-signing-charges', { count: 1 });
  expect(await jobAt(at(t, '10:00'))).toMatchObject({ charging: 1 });
  await eventually(() => api('/me/signing', { token: viewer.token }), (r) => r.body.signing?.lastCharge?.state === 'failed', 'the failed charge noticed');
  expect(await jobAt(at(t, '12:00'))).toMatchObject({ waiting: 1 });
  expect(await jobAt(at(t, '16:30'))).toMatchObject({ charging: 1 });
  const renewed = await eventually(() => wallet(viewer.token), (r) => r.body.membership?.expiresAt !== expiresAt, 'the membership renewed');
  expect(Date.parse(renewed.body.membership.expiresAt) - Date.parse(expiresAt)).toBe(signedPeriodDays.month_auto * day);
  expect((await api('/me/signing', { token: viewer.token })).body.signing.lastCharge.state).toBe('charged');
  expect((await contractsOf(contractCode)).charges.map((c) => c.paid)).toEqual([true, false, true]);

  // The viewer ends it in WeChat: renewal stops, the paid period stays.
  await sandbox('/control/terminate-signing', { contractCode });
  await eventually(() => wallet(viewer.token), (r) => r.body.membership?.autoRenew === false, 'renewal off');
  expect((await api('/me/signing', { token: viewer.token })).body.signing.state).toBe('terminated');
  expect((await wallet(viewer.token)).body.membership.expiresAt).toBe(renewed.body.membership.expiresAt);
}, 120_000);

it('moves a signing only on a verified notification for its own contract', async () => {
  const identity = ensureSandboxIdentity(stack.dataDir);
  const viewer = await signIn(`wx-hostile-${Date.now()}`, 'wechat');
  const { contractCode } = (await api('/memberships/sign', { body: { plan: 'year_auto' }, token: viewer.token })).body;
  const profile = (await tableGet(`USER#${viewer.user.id}`, 'PROFILE')) as { openId: string };
  const push = (fields: Record<string, unknown>, who = identity) => {
    const signed = signedWechatRequest(who, { ToUserName: identity.wechat.appId, MsgType: 'event', Event: 'xpay_subscribe_signing_result_notify', CreateTime: Math.floor(Date.now() / 1000), ...fields }, new Date());
    return call(stack.urls.API, `/pay/wechat/notify?${signed.query}`, { headers: signed.headers, raw: signed.body });
  };
  expect((await push({ OpenId: profile.openId, OutContractCode: contractCode, SignStatus: 1 }, { ...identity, wechat: { ...identity.wechat, token: 'forged' } })).status).toBe(401);
  expect((await push({ OpenId: profile.openId, OutContractCode: 'WS-NOT-THIS-ONE', SignStatus: 1 })).status).toBe(404);
  expect((await push({ OpenId: profile.openId, OutContractCode: contractCode })).status).toBe(400);
  expect((await api('/me/signing', { token: viewer.token })).body.signing.state).toBe('pending');
});

it('offers auto-renewing plans on WeChat only where signing is switched on', async () => {
  const products = await api<ProductCatalog>('/products?platform=wechat');
  expect(products.body.memberships.map((p) => p.plan)).toEqual(expect.arrayContaining(['month_auto', 'year_auto']));
  const { productsFor } = m.signing;
  const off = productsFor(products.body, 'wechat', false);
  expect(off.memberships.map((p) => p.plan)).toEqual(['month']);
  expect(productsFor(products.body, 'douyin', false).memberships).toHaveLength(3);
  const douyinViewer = await signIn(`dy-signer-${Date.now()}`, 'douyin');
  expect((await api('/memberships/sign', { body: { plan: 'month_auto' }, token: douyinViewer.token })).status).toBe(409);
});
