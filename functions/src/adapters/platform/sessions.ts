import type { Platform } from '@drama/shared/auth';
import type { SessionExchange } from '../../domain/auth/login';
import { BadRequest } from '../../domain/errors';
import { config } from '../../lib/config';
import { secretsFor } from '../../lib/secrets';
import { douyinSessions } from './douyin';
import { wechatSessions } from './wechat';

/**
 * Picks the code2session adapter for a platform. In sandbox mode every adapter talks to the sandbox
 * platform with the same production code; the H5 app's "sandbox" platform speaks Douyin's protocol.
 */
const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_SECRET');
const wechatApp = /* @__PURE__ */ secretsFor('WECHAT_APP_ID', 'WECHAT_APP_SECRET');
const douyinKeys = () => ({ appId: douyinApp().DOUYIN_APP_ID, appSecret: douyinApp().DOUYIN_APP_SECRET });

export function sessionExchangeFor(platform: Platform): SessionExchange {
  const c = config();
  const sandbox = c.platformMode === 'sandbox';
  switch (platform) {
    case 'douyin':
      return douyinSessions({ baseUrl: sandbox ? c.sandboxUrl : 'https://developer.toutiao.com', ...douyinKeys() });
    case 'wechat':
      return wechatSessions({ baseUrl: sandbox ? c.sandboxUrl : 'https://api.weixin.qq.com', appId: wechatApp().WECHAT_APP_ID, appSecret: wechatApp().WECHAT_APP_SECRET });
    case 'sandbox':
      if (!sandbox) throw new BadRequest('the sandbox platform is not available here');
      return douyinSessions({ baseUrl: c.sandboxUrl, ...douyinKeys() });
  }
}
