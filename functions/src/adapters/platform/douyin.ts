import type { SessionExchange } from '../../domain/auth/login';
import { Unauthorized } from '../../domain/errors';
import { logger } from '../../lib/logger';

/**
 * Douyin's code2session (PLATFORM.md §1): POST {base}/api/apps/v2/jscode2session with
 * {appid, secret, code, anonymous_code} → {err_no, err_tips, data: {openid, session_key, unionid}}.
 * `baseUrl` is https://developer.toutiao.com in production and the sandbox platform locally.
 */
export function douyinSessions(opts: { baseUrl: string; appId: string; appSecret: string }): SessionExchange {
  return {
    async exchange(code) {
      const response = await fetch(`${opts.baseUrl}/api/apps/v2/jscode2session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appid: opts.appId, secret: opts.appSecret, code, anonymous_code: '' }),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`douyin code2session answered HTTP ${response.status}`);
      const body = (await response.json()) as {
        err_no: number;
        err_tips?: string;
        data?: { openid?: string; session_key?: string; unionid?: string };
      };
      if (body.err_no !== 0 || !body.data?.openid) {
        logger.warn('douyin code2session refused', { errNo: body.err_no, errTips: body.err_tips });
        throw new Unauthorized('the login code was refused: call tt.login again');
      }
      return { openId: body.data.openid, sessionKey: body.data.session_key, unionId: body.data.unionid };
    },
  };
}
