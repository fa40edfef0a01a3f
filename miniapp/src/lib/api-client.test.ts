import Taro from '@tarojs/taro';
import { getSeriesParamsSchema } from '@drama/shared/catalog';
import { ApiError, apiRequest } from './api-client';

/**
 * The client through its public function, with the platform's transport (Taro.request) answering
 * from a script: what each call to the network returns, in order.
 */
type Answer = { statusCode: number; data: unknown } | 'network-error';
const calls: { url: string; method?: string; data?: unknown; auth?: string }[] = [];

function network(...answers: Answer[]) {
  jest.spyOn(Taro, 'request').mockImplementation(((opts: Taro.request.Option) => {
    calls.push({ url: opts.url, method: opts.method, data: opts.data, auth: opts.header?.Authorization });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${opts.method} ${opts.url}`);
    if (next === 'network-error') return Promise.reject({ errMsg: 'request:fail' });
    return Promise.resolve({ ...next, header: {}, errMsg: 'request:ok' });
  }) as typeof Taro.request);
}

const login = (token: string) => ({
  statusCode: 200,
  data: { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'u1' } },
});
// Any shared schema will do: this one is a small object.
const okSchema = getSeriesParamsSchema;
const ok = { seriesId: 'series-1' };

beforeEach(() => {
  calls.length = 0;
  localStorage.clear();
  jest.restoreAllMocks();
});

it('logs in with the H5 sandbox code, then sends the bearer token', async () => {
  network(login('t1'), { statusCode: 200, data: ok });

  await expect(apiRequest('/me', { schema: okSchema })).resolves.toEqual(ok);

  expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:3000/auth/login', method: 'POST' });
  expect(calls[0].data).toEqual({ platform: 'sandbox', code: expect.stringMatching(/^h5-[0-9a-f]{32}$/) });
  expect(calls[1]).toMatchObject({ url: 'http://127.0.0.1:3000/me', auth: 'Bearer t1' });
});

it('keeps the same sandbox code, so the same user, across logins', async () => {
  network(login('t1'), { statusCode: 401, data: { code: 'UNAUTHORIZED', message: 'expired' } }, login('t2'), {
    statusCode: 200,
    data: ok,
  });

  await apiRequest('/me', { schema: okSchema });

  expect(calls.map((c) => c.url.replace('http://127.0.0.1:3000', ''))).toEqual(['/auth/login', '/me', '/auth/login', '/me']);
  expect(calls[2].data).toEqual(calls[0].data);
  expect(calls[3].auth).toBe('Bearer t2');
});

it('turns a 402 into an ApiError that keeps the offers and reads in Chinese, whatever the server wrote', async () => {
  const body = { code: 'ENTITLEMENT_REQUIRED', message: 'this episode is locked: unlock it with one of the offers', offers: [{ kind: 'ad' }] };
  network(login('t1'), { statusCode: 402, data: body });

  const err = await apiRequest('/play', { method: 'POST', data: {}, schema: okSchema }).catch((e: unknown) => e);

  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 402, code: 'ENTITLEMENT_REQUIRED', message: '本集需解锁后观看', body });
});

it('retries a GET once after a network error, but never a POST', async () => {
  network(login('t1'), 'network-error', { statusCode: 200, data: ok }, 'network-error');

  await expect(apiRequest('/series', { schema: okSchema })).resolves.toEqual(ok);
  await expect(apiRequest('/play', { method: 'POST', data: {}, schema: okSchema })).rejects.toMatchObject({
    status: 0,
    code: 'NETWORK_ERROR',
  });
});

it('rejects a response that does not match the contract', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  network({ statusCode: 200, data: { seriesId: 'Not An Id!' } });

  await expect(apiRequest('/series', { schema: okSchema, auth: 'none' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
});
