import { playletRoutes } from './playlet';
import type { Route, RouteContext } from './routes-context';
import { signingRoutes } from './signing';
import { vodRoutes } from './vod';

/**
 * Going live: Douyin's playlet library, WeChat's media assets and its membership subscription, and the test controls that play
 * their reviewers (a decision per drama title: approve by default, reject with a reason, or hold in
 * review) and their transcoders (the next N uploads fail).
 */
export function goingLiveRoutes(ctx: RouteContext): Record<string, Route> {
  /** Uploads to fail next, per platform, each for uploads whose title starts with `title` (or any). */
  const failures: Record<'douyin' | 'wechat', Array<{ title: string; count: number }>> = { douyin: [], wechat: [] };
  const take = (platform: 'douyin' | 'wechat') => (title: string) => {
    const rule = failures[platform].find((f) => f.count > 0 && title.startsWith(f.title));
    if (!rule) return false;
    rule.count--;
    return true;
  };
  return {
    ...playletRoutes(ctx, { takeUploadFailure: take('douyin') }),
    ...vodRoutes(ctx, { takeUploadFailure: take('wechat') }),
    ...signingRoutes(ctx),

    // Test control: how the reviewers decide on a title, on both platforms.
    'POST /control/review': async (req, _url, res) => {
      const { title, decision, reason } = await ctx.readJson(req);
      if (typeof title !== 'string' || (decision !== 'approve' && decision !== 'reject' && decision !== 'hold')) return ctx.send(res, 400, { code: 'BAD_REQUEST', message: 'send {title, decision: approve|reject|hold, reason?}' });
      ctx.state.reviewDecisions[title] = { decision, ...(typeof reason === 'string' ? { reason } : {}) };
      ctx.save();
      ctx.send(res, 200, ctx.state.reviewDecisions[title]);
    },

    // Test control: the next N video uploads (Douyin) or pulls (WeChat) of a drama (by title; any when
    // none is given) fail in the platform's transcoder.
    'POST /control/fail-uploads': async (req, _url, res) => {
      const { count, platform, title } = await ctx.readJson(req);
      if (platform !== 'douyin' && platform !== 'wechat') return ctx.send(res, 400, { code: 'BAD_REQUEST', message: 'platform is douyin or wechat' });
      failures[platform].push({ title: typeof title === 'string' ? title : '', count: Number(count) || 0 });
      ctx.send(res, 200, { platform, title: title ?? null, failNext: Number(count) || 0 });
    },
  };
}
