import type { SessionExchange } from '../../domain/auth/login';
import { Unauthorized } from '../../domain/errors';
import { logger } from '../../lib/logger';

/**
 * WeChat's code2session (PLATFORM.md §1): GET {base}/sns/jscode2session?appid&secret&js_code&
 * grant_type=authorization_code → {openid, session_key, unionid?} or {errcode, errmsg}.
 */
export function wechatSessions(opts: { baseUrl: string; appId: string; appSecret: string }): SessionExchange {
  return {
    async exchange(code) {
      const query = new URLSearchParams({
        appid: opts.appId,
        secret: opts.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      const response = await fetch(`${opts.baseUrl}/sns/jscode2session?${query}`, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`wechat code2session answered HTTP ${response.status}`);
      const body = (await response.json()) as { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };
      if (body.errcode || !body.openid) {
        logger.warn('wechat code2session refused', { errcode: body.errcode, errmsg: body.errmsg });
        throw new Unauthorized('the login code was refused: call wx.login again');
      }
      return { openId: body.openid, sessionKey: body.session_key, unionId: body.unionid };
    },
  };
}
