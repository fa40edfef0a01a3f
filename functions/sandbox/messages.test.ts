import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userIdFor } from '@drama/shared/user-id';
import { ensureSandboxIdentity, type SandboxIdentity } from './keys';
import { startSandbox, type SandboxServer } from './server';

/** The inbox plays 服务通知: the platform knows openids; it is asked by login code, openid or the contract's user id. */
let dataDir: string;
let identity: SandboxIdentity;
let sandbox: SandboxServer;
let base: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-messages-'));
  identity = ensureSandboxIdentity(dataDir);
  sandbox = await startSandbox(identity, { port: 0, apiUrl: 'http://127.0.0.1:9', timeScale: 0.001 });
  base = `http://127.0.0.1:${(sandbox.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
  (await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json();
const inbox = async (query: string) => {
  const res = await fetch(`${base}/inbox?${query}`);
  return { status: res.status, body: await res.json() };
};

it('delivers a Douyin message to the openid and lists it for the account behind the login code', async () => {
  const { douyin } = identity;
  const session = await post('/api/apps/v2/jscode2session', { appid: douyin.appId, secret: douyin.appSecret, code: 'fan-code' });
  const openId = session.data.openid as string;
  const token = (await post('/oauth/client_token/', { client_key: douyin.appId, client_secret: douyin.appSecret })).data.access_token as string;

  const sent = await post('/api/notification/v2/subscription/notify_user/', { open_id: openId, msg_id: 'MSG_1', page: 'pages/home/index', data: { title: '第4集已更新', content: '快来看' } }, { 'access-token': token });
  expect(sent).toEqual({ err_no: 0, err_msg: '' });

  const mine = await inbox('code=fan-code');
  expect(mine.body.items).toEqual([expect.objectContaining({ platform: 'douyin', openId, templateId: 'MSG_1', title: '第4集已更新', body: '快来看', page: 'pages/home/index' })]);
  expect((await inbox(`openId=${openId}`)).body.items).toHaveLength(1);
  expect((await inbox('code=someone-else')).body.items).toEqual([]);
});

it("lists an account's messages by the contract's user id (API.md: ?user={userId})", async () => {
  const { wechat } = identity;
  const session = (await (await fetch(`${base}/sns/jscode2session?appid=${wechat.appId}&secret=${wechat.appSecret}&js_code=reader-code&grant_type=authorization_code`)).json()) as { openid: string };
  const token = ((await (await fetch(`${base}/cgi-bin/token?grant_type=client_credential&appid=${wechat.appId}&secret=${wechat.appSecret}`)).json()) as { access_token: string }).access_token;
  const sent = await post(`/cgi-bin/message/subscribe/send?access_token=${token}`, { touser: session.openid, template_id: 'TPL_1', page: 'pages/home/index', data: { thing1: { value: '签到提醒' }, thing2: { value: '今天还没签到' } } });
  expect(sent).toEqual({ errcode: 0, errmsg: 'ok' });

  const byUser = await inbox(`user=${userIdFor('wechat', session.openid)}`);
  expect(byUser.body.items).toEqual([expect.objectContaining({ platform: 'wechat', openId: session.openid, title: '签到提醒' })]);
  // The same openid on the other platform is another account, and an unknown id has no messages.
  expect((await inbox(`user=${userIdFor('douyin', session.openid)}`)).body.items).toEqual([]);
  expect((await inbox('user=u_0123456789abcdef01234567')).body.items).toEqual([]);
});
