import { z } from 'zod';
import type { TextSafety, Verdict } from '../../domain/comments/comments';
import { config } from '../../lib/config';
import { logger } from '../../lib/logger';
import { secretsFor } from '../../lib/secrets';

/**
 * The platforms' text-safety checks behind one adapter, chosen by the writer's platform:
 * - Douyin (and the H5 sandbox sign-in, which speaks Douyin's protocol): 内容安全检测,
 *   `POST /api/v2/tags/text/antidirt` with the mini-program's access_token in `X-Token`, every text
 *   one task of one call; a task whose `predicts` has `hit: true` is refused. Douyin answers only
 *   yes or no.
 * - WeChat: `msgSecCheck` v2, `POST /wxa/msg_sec_check?access_token=` with `{content, version: 2,
 *   scene: 2 (评论), openid}`, one call per text; `result.suggest` is `risky` (refused), `review`
 *   (held for an operator) or `pass`.
 * An answer that is neither (an error code, a timeout, no token) is `unchecked`: the comment is held,
 * never shown unchecked. Tokens are cached per container until shortly before they expire, and
 * fetched again once when the platform says a token is invalid.
 */
const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_SECRET');
const wechatApp = /* @__PURE__ */ secretsFor('WECHAT_APP_ID', 'WECHAT_APP_SECRET');
const timeoutMs = 3000;
type Token = { value: string; expiresAt: number };
const tokens = new Map<'douyin' | 'wechat', Token>();

/**
 * The platforms' answers, read at the edge: every field optional, so that an answer missing one
 * reads as "unchecked" (or a refused token) instead of throwing on a property of undefined.
 */
const answers = {
  douyinToken: z.object({ data: z.object({ access_token: z.string().optional(), expires_in: z.number().optional() }).optional() }),
  wechatToken: z.object({ access_token: z.string().optional(), expires_in: z.number().optional() }),
  antidirt: z.object({
    code: z.number().optional(),
    data: z.array(z.object({ code: z.number().optional(), predicts: z.array(z.object({ hit: z.boolean().optional() })).optional() })).optional(),
  }),
  msgSecCheck: z.object({ errcode: z.number().optional(), result: z.object({ suggest: z.string().optional() }).optional() }),
};

/** The JSON a platform answered, as the schema reads it; an answer of another shape reads as empty. */
async function json<T>(schema: z.ZodType<T>, url: string, init: RequestInit = {}): Promise<Partial<T>> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const parsed = schema.safeParse(await response.json().catch(() => ({})));
  return parsed.success ? parsed.data : {};
}

const post = <T>(schema: z.ZodType<T>, url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(schema, url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function bases() {
  const c = config();
  const sandbox = c.platformMode === 'sandbox';
  return { douyin: sandbox ? c.sandboxUrl : 'https://developer.toutiao.com', wechat: sandbox ? c.sandboxUrl : 'https://api.weixin.qq.com' };
}

async function token(platform: 'douyin' | 'wechat', fresh = false): Promise<string> {
  const cached = tokens.get(platform);
  if (!fresh && cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
  const { douyin, wechat } = bases();
  let value: string | undefined;
  let expiresInS = 7200;
  if (platform === 'douyin') {
    const body = await post(answers.douyinToken, `${douyin}/api/apps/v2/token`, { appid: douyinApp().DOUYIN_APP_ID, secret: douyinApp().DOUYIN_APP_SECRET, grant_type: 'client_credential' });
    value = body.data?.access_token;
    expiresInS = body.data?.expires_in ?? expiresInS;
  } else {
    const body = await json(answers.wechatToken, `${wechat}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(wechatApp().WECHAT_APP_ID)}&secret=${encodeURIComponent(wechatApp().WECHAT_APP_SECRET)}`);
    value = body.access_token;
    expiresInS = body.expires_in ?? expiresInS;
  }
  if (!value) throw new Error(`${platform} access token refused`);
  tokens.set(platform, { value, expiresAt: Date.now() + expiresInS * 1000 });
  return value;
}

/** Calls with the cached token, and once more with a fresh one if the platform says the token is invalid. */
async function withToken<T>(platform: 'douyin' | 'wechat', call: (token: string) => Promise<{ result: T; badToken: boolean }>): Promise<T> {
  const first = await call(await token(platform));
  return first.badToken ? (await call(await token(platform, true))).result : first.result;
}

async function douyinCheck(texts: readonly string[]): Promise<Verdict> {
  return withToken('douyin', async (xToken) => {
    const body = await post(answers.antidirt, `${bases().douyin}/api/v2/tags/text/antidirt`, { tasks: texts.map((content) => ({ content })) }, { 'X-Token': xToken });
    const tasks = body.data;
    if (!tasks) return { result: 'unchecked' as Verdict, badToken: body.code === 401 };
    if (tasks.some((t) => t.predicts?.some((p) => p.hit === true))) return { result: 'refuse', badToken: false };
    const answered = tasks.length === texts.length && tasks.every((t) => t.code === 0 && Array.isArray(t.predicts));
    return { result: answered ? 'pass' : 'unchecked', badToken: false };
  });
}

const wechatBadToken = new Set([40001, 42001, 40014]);

async function wechatCheck(texts: readonly string[], openId: string): Promise<Verdict> {
  const one = (content: string) =>
    withToken('wechat', async (accessToken) => {
      const body = await post(answers.msgSecCheck, `${bases().wechat}/wxa/msg_sec_check?access_token=${encodeURIComponent(accessToken)}`, { content, version: 2, scene: 2, openid: openId });
      if (body.errcode !== 0) return { result: 'unchecked' as Verdict, badToken: body.errcode !== undefined && wechatBadToken.has(body.errcode) };
      const suggest = body.result?.suggest;
      return { result: (suggest === 'risky' ? 'refuse' : suggest === 'review' ? 'review' : suggest === 'pass' ? 'pass' : 'unchecked') as Verdict, badToken: false };
    });
  const verdicts = await Promise.all(texts.map(one));
  for (const worst of ['refuse', 'review', 'unchecked'] as const) if (verdicts.includes(worst)) return worst;
  return 'pass';
}

export const platformTextSafety: TextSafety = {
  async check(texts, writer) {
    try {
      return writer.platform === 'wechat' ? await wechatCheck(texts, writer.openId) : await douyinCheck(texts);
    } catch (error) {
      logger.warn('text-safety check unanswered', { platform: writer.platform, error: (error as Error).message });
      return 'unchecked';
    }
  },
};
