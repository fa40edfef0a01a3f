import { randomBytes } from 'node:crypto';
import { userIdFor } from '@drama/shared/user-id';
import { douyinOpenIdFor, wechatOpenIdFor } from './login';
import type { Route, RouteContext } from './routes-context';
import type { InboxMessage } from './state';

/**
 * The platforms' subscribe-message APIs (Douyin's notify_user, WeChat's subscribeMessage.send): what
 * they deliver lands in the sandbox's inbox, which plays the user's 服务通知. The platform knows its
 * users by openid only; the inbox is asked for the account behind a login code (the H5 app's sandbox
 * code, or the code a test signed in with: the same openids code2session gives) or for an openid.
 */
export function messageRoutes(ctx: RouteContext): Record<string, Route> {
  const { state, save, send, readJson } = ctx;
  let sendFailures: { count: number; mode: 'transient' | 'refused' } = { count: 0, mode: 'transient' };
  const takeFailure = () => {
    if (sendFailures.count <= 0) return null;
    sendFailures.count--;
    return sendFailures.mode;
  };
  const deliver = (m: Omit<InboxMessage, 'id' | 'at'>) => {
    state.inbox.push({ id: randomBytes(8).toString('hex'), at: new Date().toISOString(), ...m });
    save();
  };

  return {
    // Douyin subscription notify_user: recorded in the inbox, or failed as told by the test control.
    'POST /api/notification/v2/subscription/notify_user/': async (req, _url, res) => {
      if (!ctx.tokenPlatform(String(req.headers['access-token']))) return send(res, 200, { err_no: 28001003, err_msg: 'access-token invalid' });
      const input = await readJson(req);
      const failure = takeFailure();
      if (failure) return send(res, 200, failure === 'transient' ? { err_no: 28001999, err_msg: 'system busy' } : { err_no: 28003017, err_msg: 'user has unsubscribed' });
      const openId = String(input.open_id ?? '');
      const data = (input.data ?? {}) as Record<string, string>;
      deliver({ platform: 'douyin', openId, templateId: String(input.msg_id ?? ''), title: data.title ?? '', body: data.content ?? '', page: String(input.page ?? '') });
      send(res, 200, { err_no: 0, err_msg: '' });
    },

    // WeChat subscribeMessage.send.
    'POST /cgi-bin/message/subscribe/send': async (req, url, res) => {
      if (ctx.tokenPlatform(url.searchParams.get('access_token')) !== 'wechat') return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      const input = await readJson(req);
      const failure = takeFailure();
      if (failure) return send(res, 200, failure === 'transient' ? { errcode: -1, errmsg: 'system error' } : { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      const data = (input.data ?? {}) as Record<string, { value: string }>;
      deliver({ platform: 'wechat', openId: String(input.touser ?? ''), templateId: String(input.template_id ?? ''), title: data.thing1?.value ?? '', body: data.thing2?.value ?? '', page: String(input.page ?? '') });
      send(res, 200, { errcode: 0, errmsg: 'ok' });
    },

    // What the platform would have shown the user, newest first: ?code= the account a login code
    // signs in (on either platform), ?openId= one openid, ?user= the contract's user id (API.md:
    // the platforms know only openids, so each message's openid is turned into the id the contract
    // derives from it — shared/user-id.ts, the one rule of ours the sandbox reads), none: everyone's.
    'GET /inbox': async (_req, url, res) => {
      const q = url.searchParams;
      const code = q.get('code');
      const user = q.get('user');
      const openIds = code ? [douyinOpenIdFor(ctx, code), wechatOpenIdFor(ctx, code)] : q.has('openId') ? [q.get('openId')] : null;
      const mine = (m: { platform: string; openId: string }) => (user !== null ? userIdFor(m.platform, m.openId) === user : !openIds || openIds.includes(m.openId));
      send(res, 200, { items: state.inbox.filter(mine).slice().reverse() });
    },

    // Test control: the next N sends fail, transiently (system busy) or permanently (the user refused).
    'POST /control/fail-sends': async (req, _url, res) => {
      const { count, mode } = await readJson(req);
      sendFailures = { count: Number(count) || 0, mode: mode === 'refused' ? 'refused' : 'transient' };
      send(res, 200, sendFailures);
    },
  };
}
