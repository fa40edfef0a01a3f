import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxIdentity } from './keys';
import type { Route } from './routes-context';

export type TokenPlatform = 'douyin' | 'wechat';

/**
 * The platforms' server-to-server credentials: Douyin's OpenAPI client_token and WeChat's
 * access_token, issued for the app's key and secret and remembered (in memory) by who issued them,
 * so the APIs that take a token can tell whether it is theirs.
 */
export function accessTokens(deps: {
  identity: SandboxIdentity;
  readJson(req: IncomingMessage): Promise<Record<string, unknown>>;
  send(res: ServerResponse, status: number, body: unknown): void;
}) {
  const { identity, readJson, send } = deps;
  const issued = new Map<string, TokenPlatform>();
  const issue = (platform: TokenPlatform) => {
    const token = randomBytes(24).toString('hex');
    issued.set(token, platform);
    return token;
  };

  const routes: Record<string, Route> = {
    // Douyin client_token (OpenAPI credential for server-to-server calls).
    'POST /oauth/client_token/': async (req, _url, res) => {
      const input = await readJson(req);
      if (input.client_key !== identity.douyin.appId || input.client_secret !== identity.douyin.appSecret) return send(res, 200, { data: { error_code: 10013, description: 'bad client_key or client_secret' } });
      send(res, 200, { data: { access_token: issue('douyin'), expires_in: 7200, error_code: 0, description: '' }, message: 'success' });
    },

    // WeChat access_token.
    'GET /cgi-bin/token': async (_req, url, res) => {
      const q = url.searchParams;
      if (q.get('appid') !== identity.wechat.appId || q.get('secret') !== identity.wechat.appSecret) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      send(res, 200, { access_token: issue('wechat'), expires_in: 7200 });
    },
  };

  return {
    routes,
    /** Which platform issued a token (undefined: none did). */
    platformOf: (token: string | null | undefined): TokenPlatform | undefined => (token ? issued.get(token) : undefined),
  };
}
