import type { MessageKind, MessageSender, SendResult } from '../../domain/reminders/send';
import { config } from '../../lib/config';
import { secretsFor } from '../../lib/secrets';

/**
 * Subscribe-message sends (PLATFORM.md §3, §5) behind one adapter: Douyin's notify_user with a
 * client token, WeChat's subscribeMessage.send with an access token. Tokens are cached per
 * container until shortly before they expire. Which error codes mean "stop for good" is our best
 * reading of the platforms' docs: WeChat 43101 (refused / no credit) and 40037 (template gone);
 * Douyin's codes are unconfirmed and kept here.
 */
const wechatPermanent = new Set([43101, 40037, 43100, 47003]);
const douyinPermanent = new Set([28001008, 28001014, 28003017]);

const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_SECRET');
const wechatApp = /* @__PURE__ */ secretsFor('WECHAT_APP_ID', 'WECHAT_APP_SECRET');

type Token = { value: string; expiresAt: number };
const tokens = new Map<string, Token>();

async function cachedToken(name: string, fetchToken: () => Promise<{ token: string; expiresInS: number }>): Promise<string> {
  const cached = tokens.get(name);
  if (cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
  const { token, expiresInS } = await fetchToken();
  tokens.set(name, { value: token, expiresAt: Date.now() + expiresInS * 1000 });
  return token;
}

function templateIdOf(platform: 'douyin' | 'wechat', kind: MessageKind): string {
  return kind === 'renewal_notice' ? config().renewalNoticeTemplates[platform] : config().reminderTemplates[platform][kind];
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

export function platformSender(): MessageSender {
  return {
    async send(to, message): Promise<SendResult> {
      const c = config();
      const sandbox = c.platformMode === 'sandbox';
      try {
        if (to.platform === 'wechat') {
          const base = sandbox ? c.sandboxUrl : 'https://api.weixin.qq.com';
          const token = await cachedToken('wechat', async () => {
            const r = await fetch(`${base}/cgi-bin/token?grant_type=client_credential&appid=${wechatApp().WECHAT_APP_ID}&secret=${wechatApp().WECHAT_APP_SECRET}`, { signal: AbortSignal.timeout(5000) });
            const body = (await r.json()) as { access_token?: string; expires_in?: number; errmsg?: string };
            if (!body.access_token) throw new Error(`wechat token: ${body.errmsg ?? r.status}`);
            return { token: body.access_token, expiresInS: body.expires_in ?? 7200 };
          });
          const { status, json } = await postJson(`${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
            touser: to.openId,
            template_id: templateIdOf('wechat', message.kind),
            page: message.page,
            data: { thing1: { value: message.title }, thing2: { value: message.body.slice(0, 20) } },
            miniprogram_state: sandbox ? 'developer' : 'formal',
            lang: 'zh_CN',
          });
          const code = Number(json.errcode ?? (status === 200 ? 0 : -1));
          if (code === 0) return { ok: true };
          return { ok: false, permanent: wechatPermanent.has(code), reason: `errcode ${code} ${json.errmsg ?? ''}` };
        }
        const base = sandbox ? c.sandboxUrl : 'https://open.douyin.com';
        const token = await cachedToken('douyin', async () => {
          const { json } = await postJson(`${base}/oauth/client_token/`, { client_key: douyinApp().DOUYIN_APP_ID, client_secret: douyinApp().DOUYIN_APP_SECRET, grant_type: 'client_credential' });
          const data = json.data as { access_token?: string; expires_in?: number } | undefined;
          if (!data?.access_token) throw new Error(`douyin client_token: ${JSON.stringify(json).slice(0, 200)}`);
          return { token: data.access_token, expiresInS: data.expires_in ?? 7200 };
        });
        const { status, json } = await postJson(
          `${base}/api/notification/v2/subscription/notify_user/`,
          { msg_id: templateIdOf('douyin', message.kind), open_id: to.openId, data: { title: message.title, content: message.body }, page: message.page, notify_type: 1 },
          { 'access-token': token },
        );
        const code = Number(json.err_no ?? (status === 200 ? 0 : -1));
        if (code === 0) return { ok: true };
        return { ok: false, permanent: douyinPermanent.has(code), reason: `err_no ${code} ${json.err_msg ?? ''}` };
      } catch (error) {
        return { ok: false, permanent: false, reason: (error as Error).message };
      }
    },
  };
}
