import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSandboxIdentity, type SandboxIdentity } from './keys';
import { startSandbox, type SandboxServer } from './server';

/** The inbox plays 服务通知: the platform knows openids, so it is asked by login code or openid. */
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

it('refuses to look users up by an id only the API knows', async () => {
  const res = await inbox('user=u_0123456789abcdef01234567');
  expect(res.status).toBe(400);
  expect(res.body.message).toContain('?code=');
});
