import { operatorLoginWindowS, throttledOperatorLogin, type AttemptStore } from './operator';

const secret = 'an-operator-secret-of-at-least-32-characters';

/** Failures kept by address and window, as the table keeps them. */
function attemptsInMemory(): AttemptStore {
  const counts = new Map<string, number>();
  return {
    failures: async (source, window) => counts.get(`${source}|${window}`) ?? 0,
    fail: async (source, window) => void counts.set(`${source}|${window}`, (counts.get(`${source}|${window}`) ?? 0) + 1),
  };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (error: { code?: string }) => error.code);

describe('operator sign-in throttle', () => {
  it('refuses every sign-in from an address after its wrong secrets reach the limit, until the next window', async () => {
    const attempts = attemptsInMemory();
    const t0 = new Date(Math.ceil(Date.now() / 1000 / operatorLoginWindowS) * operatorLoginWindowS * 1000); // a window's start
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const login = (tried: string, source: string, s: number) => codeOf(throttledOperatorLogin(tried, secret, source, at(s), attempts, 3));

    expect(await login('wrong-1', '203.0.113.7', 1)).toBe('UNAUTHORIZED');
    expect(await login(secret, '203.0.113.7', 2)).toBe('OK'); // a right secret costs nothing
    expect(await login('wrong-2', '203.0.113.7', 3)).toBe('UNAUTHORIZED');
    expect(await login('wrong-3', '203.0.113.7', 4)).toBe('UNAUTHORIZED');
    expect(await login(secret, '203.0.113.7', 5)).toBe('RATE_LIMITED'); // the right one too, once over the limit
    expect(await login('wrong-4', '203.0.113.7', 6)).toBe('RATE_LIMITED');
    expect(await login(secret, '198.51.100.2', 7)).toBe('OK'); // another address is not held up
    expect(await login(secret, '203.0.113.7', operatorLoginWindowS + 1)).toBe('OK');
  });

  it('says how long to wait', async () => {
    const attempts = attemptsInMemory();
    const now = new Date(Math.floor(Date.now() / 1000 / operatorLoginWindowS) * operatorLoginWindowS * 1000 + 60_000);
    await codeOf(throttledOperatorLogin('wrong', secret, 'a', now, attempts, 1));
    await expect(throttledOperatorLogin(secret, secret, 'a', now, attempts, 1)).rejects.toThrow(/try again in 14 min/);
  });
});
