import { useStackEnv } from '../support/use-stack-env';
import { apiEvent, bodyOf } from '../support/api-event';
import { loadHandlers } from '../support/handlers';

const stack = useStackEnv('integration');
let h: Awaited<ReturnType<typeof loadHandlers>>;
beforeAll(async () => {
  h = await loadHandlers();
});

const login = (body: unknown) => h.login(apiEvent({ method: 'POST', path: '/auth/login', body }));

describe('POST /auth/login', () => {
  it('gives the same user for the same sandbox code, and another user for another code', async () => {
    const a = await h.signIn('browser-a');
    const again = await h.signIn('browser-a');
    const b = await h.signIn('browser-b');
    expect(a.user.id).toMatch(/^u_[0-9a-f]{24}$/);
    expect(again.user.id).toBe(a.user.id);
    expect(b.user.id).not.toBe(a.user.id);
  });

  it('exchanges Douyin and WeChat codes with their own code2session protocols', async () => {
    const douyin = await h.signIn('device-1', 'douyin');
    const wechat = await h.signIn('device-1', 'wechat');
    expect(douyin.user.id).not.toBe(wechat.user.id);
    expect(douyin.token).not.toBe(wechat.token);
  });

  it('refuses bad input with 400 and a code', async () => {
    for (const body of [{}, { platform: 'sandbox' }, { platform: 'alipay', code: 'x' }, { platform: 'sandbox', code: '' }, { platform: 'sandbox', code: 7 }, { platform: 'sandbox', code: 'x'.repeat(129) }, { platform: 'sandbox', code: 'x', extra: 1 }]) {
      const result = await login(body);
      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) });
    }
  });

  it('refuses malformed JSON, oversized bodies and other content types', async () => {
    expect((await h.login(apiEvent({ method: 'POST', path: '/auth/login', rawBody: '{"platform":' }))).statusCode).toBe(400);
    expect((await h.login(apiEvent({ method: 'POST', path: '/auth/login', rawBody: 'x'.repeat(70_000) }))).statusCode).toBe(413);
    const text = await h.login(apiEvent({ method: 'POST', path: '/auth/login', rawBody: 'platform=sandbox', headers: { 'content-type': 'text/plain' } }));
    expect(text.statusCode).toBe(415);
    expect(bodyOf(text).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 when the platform refuses the code', async () => {
    // The sandbox refuses a wrong app secret exactly like Douyin does (err_no ≠ 0).
    const { douyinSessions } = await import('../../functions/src/adapters/platform/douyin');
    await expect(douyinSessions({ baseUrl: stack.urls.SANDBOX, appId: stack.apiEnv.DOUYIN_APP_ID, appSecret: 'wrong' }).exchange('c')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
