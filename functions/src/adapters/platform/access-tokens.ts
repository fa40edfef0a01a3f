import { config } from '../../lib/config';

/**
 * The platforms' server credentials, cached per container until shortly before they expire:
 * Douyin's client_token (`access-token` header of OpenAPI calls) and WeChat's access_token (query
 * parameter). `platformBase` is the real host in production and the sandbox platform locally.
 */
type Token = { value: string; expiresAt: number };
const tokens = new Map<string, Token>();

export function platformBase(platform: 'douyin' | 'wechat'): string {
  const c = config();
  if (c.platformMode === 'sandbox') return c.sandboxUrl;
  return platform === 'douyin' ? 'https://open.douyin.com' : 'https://api.weixin.qq.com';
}

async function cached(name: string, fetchToken: () => Promise<{ token: string; expiresInS: number }>): Promise<string> {
  const hit = tokens.get(name);
  if (hit && hit.expiresAt > Date.now() + 60_000) return hit.value;
  const { token, expiresInS } = await fetchToken();
  tokens.set(name, { value: token, expiresAt: Date.now() + expiresInS * 1000 });
  return token;
}

/** Forget a token the platform refused (it was revoked, or the sandbox restarted): the next call fetches a new one. */
export function dropToken(platform: 'douyin' | 'wechat'): void {
  tokens.delete(platform);
}

export function douyinClientToken(): Promise<string> {
  return cached('douyin', async () => {
    const c = config();
    const response = await fetch(`${platformBase('douyin')}/oauth/client_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_key: c.douyin.appId, client_secret: c.douyin.appSecret, grant_type: 'client_credential' }),
      signal: AbortSignal.timeout(5000),
    });
    const json = (await response.json().catch(() => ({}))) as { data?: { access_token?: string; expires_in?: number } };
    if (!json.data?.access_token) throw new Error(`douyin client_token: ${JSON.stringify(json).slice(0, 200)}`);
    return { token: json.data.access_token, expiresInS: json.data.expires_in ?? 7200 };
  });
}

export function wechatAccessToken(): Promise<string> {
  return cached('wechat', async () => {
    const c = config();
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: c.wechat.appId, secret: c.wechat.appSecret });
    const response = await fetch(`${platformBase('wechat')}/cgi-bin/token?${query}`, { signal: AbortSignal.timeout(5000) });
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errmsg?: string };
    if (!json.access_token) throw new Error(`wechat access_token: ${json.errmsg ?? response.status}`);
    return { token: json.access_token, expiresInS: json.expires_in ?? 7200 };
  });
}
