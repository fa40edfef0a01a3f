import { secretsFor } from '../../lib/secrets';
import { cached, platformBase } from './access-tokens';

const wechatApp = /* @__PURE__ */ secretsFor('WECHAT_APP_ID', 'WECHAT_APP_SECRET');

/** WeChat's access_token, cached per container (access-tokens.ts). */
export function wechatAccessToken(): Promise<string> {
  return cached('wechat', async () => {
    const { WECHAT_APP_ID, WECHAT_APP_SECRET } = wechatApp();
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: WECHAT_APP_ID, secret: WECHAT_APP_SECRET });
    const response = await fetch(`${platformBase('wechat')}/cgi-bin/token?${query}`, { signal: AbortSignal.timeout(5000) });
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errmsg?: string };
    if (!json.access_token) throw new Error(`wechat access_token: ${json.errmsg ?? response.status}`);
    return { token: json.access_token, expiresInS: json.expires_in ?? 7200 };
  });
}
