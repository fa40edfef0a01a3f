import Taro from '@tarojs/taro';

/**
 * The platform's transport (Taro.request) answering from a script, by route: `'POST /unlocks'`
 * for the API, `'POST sandbox /pay'` for the sandbox platform. A list answers call by call and
 * then repeats its last answer. Logins are answered unless scripted. Returns the calls made.
 */
export type Reply = { statusCode: number; data: unknown } | 'network-error';
/** A promise holds the answer back until the test resolves it (to look at an in-between state). */
export type Script = Record<string, Reply | Promise<Reply> | Array<Reply | Promise<Reply>>>;
export interface Call {
  route: string;
  data: unknown;
}

const apiOrigin = 'http://127.0.0.1:3000';
const sandboxOrigin = (globalThis as { __DRAMA_CONFIG__?: { sandboxUrl?: string } }).__DRAMA_CONFIG__?.sandboxUrl;

export const ok = (data: unknown): Reply => ({ statusCode: 200, data });
export const login: Reply = ok({ token: 't1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'u1' } });

export function fakeNetwork(script: Script): Call[] {
  const calls: Call[] = [];
  const queues = new Map(Object.entries({ 'POST /auth/login': login, ...script }).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  jest.spyOn(Taro, 'request').mockImplementation((async (opts: Taro.request.Option) => {
    const url = new URL(opts.url);
    const where = url.origin === sandboxOrigin ? 'sandbox ' : url.origin === apiOrigin ? '' : `${url.origin} `;
    const route = `${opts.method ?? 'GET'} ${where}${url.pathname}`;
    calls.push({ route, data: opts.data });
    const queue = queues.get(route);
    if (!queue?.length) throw new Error(`unscripted request ${route}`);
    const reply = await (queue.length > 1 ? queue.shift()! : queue[0]);
    if (reply === 'network-error') throw { errMsg: 'request:fail' };
    return { ...reply, header: {}, errMsg: 'request:ok' };
  }) as typeof Taro.request);
  return calls;
}

/** An answer the test releases when it is ready. */
export function held(): { reply: Promise<Reply>; release: (r: Reply) => void } {
  let release!: (r: Reply) => void;
  const reply = new Promise<Reply>((resolve) => (release = resolve));
  return { reply, release };
}
