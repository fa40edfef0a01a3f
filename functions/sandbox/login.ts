import { createHmac } from 'node:crypto';
import type { Route, RouteContext } from './routes-context';

/**
 * The platforms' code2session (PLATFORM.md §1): a login code becomes the user's openid in this app.
 * Login codes are not single-use here: the H5 app keeps one code per browser, and the same code
 * always yields the same openid, so a code stands for the account signed in on that device.
 */

/** A stable per-app openid for a code, as the platform would derive from the account behind it. */
function openIdFor(appId: string, code: string, prefix: string): string {
  return `${prefix}${createHmac('sha256', appId).update(code).digest('base64url').slice(0, 26)}`;
}

export const douyinOpenIdFor = (ctx: Pick<RouteContext, 'identity'>, code: string) => openIdFor(ctx.identity.douyin.appId, code, '_000');
export const wechatOpenIdFor = (ctx: Pick<RouteContext, 'identity'>, code: string) => openIdFor(ctx.identity.wechat.appId, code, 'o');

export function loginRoutes(ctx: RouteContext): Record<string, Route> {
  const { douyin, wechat } = ctx.identity;
  const { send } = ctx;
  return {
    // Douyin code2session v2.
    'POST /api/apps/v2/jscode2session': async (req, _url, res) => {
      let input: { appid?: string; secret?: string; code?: string; anonymous_code?: string };
      try {
        input = JSON.parse((await ctx.readBytes(req, 256 * 1024)).toString('utf8'));
      } catch {
        return send(res, 200, { err_no: 40001, err_tips: 'invalid json', data: null });
      }
      if (input.appid !== douyin.appId || input.secret !== douyin.appSecret) {
        return send(res, 200, { err_no: 40015, err_tips: 'bad appid or secret', data: null });
      }
      if (!input.code || input.code.length > 128) {
        return send(res, 200, { err_no: 40018, err_tips: 'bad code', data: null });
      }
      send(res, 200, {
        err_no: 0,
        err_tips: 'success',
        data: {
          session_key: createHmac('sha256', douyin.appSecret).update(`session:${input.code}`).digest('base64'),
          openid: douyinOpenIdFor(ctx, input.code),
          anonymous_openid: '',
          unionid: openIdFor('union', input.code, 'un_'),
        },
      });
    },

    // WeChat code2session.
    'GET /sns/jscode2session': async (_req, url, res) => {
      const q = url.searchParams;
      if (q.get('appid') !== wechat.appId || q.get('secret') !== wechat.appSecret) {
        return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      const code = q.get('js_code');
      if (!code || code.length > 128 || q.get('grant_type') !== 'authorization_code') {
        return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      }
      send(res, 200, {
        openid: wechatOpenIdFor(ctx, code),
        session_key: createHmac('sha256', wechat.appSecret).update(`session:${code}`).digest('base64'),
      });
    },
  };
}
