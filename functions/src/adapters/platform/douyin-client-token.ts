import { secretsFor } from '../../lib/secrets';
import { cached, platformBase } from './access-tokens';

const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_SECRET');

/** Douyin's client_token, cached per container (access-tokens.ts). */
export function douyinClientToken(): Promise<string> {
  return cached('douyin', async () => {
    const { DOUYIN_APP_ID, DOUYIN_APP_SECRET } = douyinApp();
    const response = await fetch(`${platformBase('douyin')}/oauth/client_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_key: DOUYIN_APP_ID, client_secret: DOUYIN_APP_SECRET, grant_type: 'client_credential' }),
      signal: AbortSignal.timeout(5000),
    });
    const json = (await response.json().catch(() => ({}))) as { data?: { access_token?: string; expires_in?: number } };
    if (!json.data?.access_token) throw new Error(`douyin client_token: ${JSON.stringify(json).slice(0, 200)}`);
    return { token: json.data.access_token, expiresInS: json.data.expires_in ?? 7200 };
  });
}
