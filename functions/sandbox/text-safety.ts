import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxIdentity } from './keys';

/**
 * The platforms' text-safety checks, as the sandbox plays them (PLATFORM.md; API.md "Discovery and
 * community"): Douyin's 内容安全检测 (`POST /api/v2/tags/text/antidirt`, the mini-program
 * access_token from `POST /api/apps/v2/token` in `X-Token`) and WeChat's msgSecCheck v2
 * (`POST /wxa/msg_sec_check?access_token=`). A text is flagged when it holds a word of
 * `SANDBOX_BANNED_WORDS` (comma-separated; default includes 测试违禁词) once spaces, punctuation and
 * full-width forms are set aside, as a platform's own matching would; WeChat answers `review` for a
 * word of `SANDBOX_REVIEW_WORDS` (default 测试待审词). Douyin's API has no "review": it answers hit
 * or not. `POST /control/fail-text-checks {count}` makes the next checks fail (system busy).
 */
export const defaultBannedWords = ['测试违禁词'];
export const defaultReviewWords = ['测试待审词'];

type Route = (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>;

export interface TextSafetyOptions {
  identity: SandboxIdentity;
  /** Whether a token is the WeChat access_token the sandbox issued (`GET /cgi-bin/token`). */
  isWechatToken: (token: string) => boolean;
  readJson: (req: IncomingMessage) => Promise<Record<string, unknown>>;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  bannedWords?: string[];
  reviewWords?: string[];
}

const wordsFrom = (value: string | undefined, fallback: string[]) => (value ? value.split(',').map((w) => w.trim()).filter(Boolean) : fallback);
/** What the platform compares: NFKC (full-width → half-width), lower case, no spaces or punctuation. */
const squeeze = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu, '');

export function textSafetyRoutes(options: TextSafetyOptions): Record<string, Route> {
  const { identity, send, readJson } = options;
  const banned = (options.bannedWords ?? wordsFrom(process.env.SANDBOX_BANNED_WORDS, defaultBannedWords)).map(squeeze);
  const review = (options.reviewWords ?? wordsFrom(process.env.SANDBOX_REVIEW_WORDS, defaultReviewWords)).map(squeeze);
  const hits = (words: string[], text: string) => words.some((w) => w && squeeze(text).includes(w));
  const douyinTokens = new Set<string>();
  let failures = 0;
  const takeFailure = () => failures > 0 && failures-- > 0;
  /** Every check the sandbox answered, newest last (tests read what the API sent). */
  const checked: Array<{ platform: 'douyin' | 'wechat'; texts: string[]; at: string }> = [];

  return {
    // Douyin getAccessToken (mini-program level credential).
    'POST /api/apps/v2/token': async (req, _url, res) => {
      const input = await readJson(req);
      if (input.appid !== identity.douyin.appId) return send(res, 200, { err_no: 40015, err_tips: 'bad appid', data: { access_token: '', expires_in: 0 } });
      if (input.secret !== identity.douyin.appSecret) return send(res, 200, { err_no: 40017, err_tips: 'bad secret', data: { access_token: '', expires_in: 0 } });
      if (input.grant_type !== 'client_credential') return send(res, 200, { err_no: 40020, err_tips: 'grant_type is not client_credential', data: { access_token: '', expires_in: 0 } });
      const token = randomBytes(24).toString('hex');
      douyinTokens.add(token);
      send(res, 200, { err_no: 0, err_tips: 'success', data: { access_token: token, expires_in: 7200 } });
    },

    // Douyin 内容安全检测: one result per task, `hit: true` when the text breaks the rules.
    'POST /api/v2/tags/text/antidirt': async (req, _url, res) => {
      if (!douyinTokens.has(String(req.headers['x-token'] ?? ''))) return send(res, 401, { error_id: randomBytes(16).toString('hex'), code: 401, message: '[app token sign fail] bad token', exception: '[app token sign fail] bad token' });
      const input = await readJson(req);
      const tasks = Array.isArray(input.tasks) ? (input.tasks as Array<{ content?: unknown }>) : [];
      if (tasks.length === 0 || tasks.length > 10 || tasks.some((t) => typeof t?.content !== 'string')) return send(res, 400, { error_id: randomBytes(16).toString('hex'), code: 400, message: 'invalid tasks' });
      if (takeFailure()) return send(res, 500, { error_id: randomBytes(16).toString('hex'), code: 500, message: 'system busy' });
      checked.push({ platform: 'douyin', texts: tasks.map((t) => t.content as string), at: new Date().toISOString() });
      send(res, 200, {
        log_id: randomBytes(12).toString('hex'),
        data: tasks.map((t) => {
          const hit = hits(banned, t.content as string);
          return { msg: '', code: 0, task_id: `MICROAPP_${randomBytes(8).toString('hex')}`, data_id: null, predicts: [{ prob: hit ? 1 : 0, hit, target: null, model_name: 'short_content_antidirt' }] };
        }),
      });
    },

    // WeChat msgSecCheck v2: {content, version: 2, scene, openid} → result.suggest risky | review | pass.
    'POST /wxa/msg_sec_check': async (req, url, res) => {
      if (!options.isWechatToken(url.searchParams.get('access_token') ?? '')) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      const input = await readJson(req);
      if (Number(input.version) !== 2) return send(res, 200, { errcode: 47001, errmsg: 'data format error: version must be 2' });
      if (![1, 2, 3, 4].includes(Number(input.scene))) return send(res, 200, { errcode: 40129, errmsg: 'invalid scene' });
      if (typeof input.openid !== 'string' || !input.openid) return send(res, 200, { errcode: 40003, errmsg: 'invalid openid' });
      if (typeof input.content !== 'string' || !input.content) return send(res, 200, { errcode: 44002, errmsg: 'empty post data' });
      if (takeFailure()) return send(res, 200, { errcode: -1, errmsg: 'system error' });
      checked.push({ platform: 'wechat', texts: [input.content], at: new Date().toISOString() });
      const suggest = hits(banned, input.content) ? 'risky' : hits(review, input.content) ? 'review' : 'pass';
      const label = suggest === 'pass' ? 100 : 20006;
      send(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        trace_id: randomBytes(12).toString('hex'),
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      });
    },

    // Test control: the next N checks fail, as a busy platform would.
    'POST /control/fail-text-checks': async (req, _url, res) => {
      const { count } = await readJson(req);
      failures = Number(count) || 0;
      send(res, 200, { failNext: failures });
    },

    // What the checks were asked (tests: the folded forms reached the platform).
    'GET /text-checks': async (_req, _url, res) => send(res, 200, { items: checked.slice(-200) }),
  };
}
