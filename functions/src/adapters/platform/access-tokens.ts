import { config } from '../../lib/config';

/**
 * The platforms' server credentials, cached per container until shortly before they expire:
 * Douyin's client_token (`access-token` header of OpenAPI calls, douyin-client-token.ts) and WeChat's
 * access_token (query parameter, wechat-access-token.ts), each in its own module so that a function
 * holds only the app secret of the platform it calls. `platformBase` is the real host in production
 * and the sandbox platform locally.
 */
type Token = { value: string; expiresAt: number };
const tokens = new Map<string, Token>();

export function platformBase(platform: 'douyin' | 'wechat'): string {
  const c = config();
  if (c.platformMode === 'sandbox') return c.sandboxUrl;
  return platform === 'douyin' ? 'https://open.douyin.com' : 'https://api.weixin.qq.com';
}

export async function cached(name: string, fetchToken: () => Promise<{ token: string; expiresInS: number }>): Promise<string> {
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
