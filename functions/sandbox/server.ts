import type { Server } from 'node:http';
import { accessTokens } from './access-tokens';
import { adNetwork, ensureAdNetwork } from './ads';
import { cashierRoutes } from './cashier';
import { conversionRoutes } from './conversions';
import { goingLiveRoutes } from './going-live';
import { closeServer, readBytes, readJson, send, serveRoutes } from './http';
import type { SandboxIdentity } from './keys';
import { loginRoutes } from './login';
import { messageRoutes } from './messages';
import { deliveryQueue } from './payments';
import type { Route, RouteContext } from './routes-context';
import { loadState } from './state';
import { textSafetyRoutes } from './text-safety';

/**
 * The sandbox platform: plays Douyin's and WeChat's servers on their own paths and formats
 * (PLATFORM.md), so the API's platform adapters are production code pointed at another base URL.
 * It is an implementation of the platforms' side of its own, importing nothing of the API's code
 * (independence.test.ts checks): it deals in openids and signatures as the platforms do. Each area
 * is a module of routes:
 *
 *   login.ts          code2session (Douyin, WeChat)
 *   cashier.ts        orders, the cashier, refunds, deductions; notifications via payments.ts's queue
 *   access-tokens.ts  server-to-server credentials
 *   messages.ts       subscribe messages and the inbox that plays 服务通知
 *   conversions.ts    the ad platforms' conversion APIs
 *   ads.ts            the rewarded-video ad network and its reward callbacks
 *   going-live.ts     playlet library, media assets, membership signing, reviewers
 *   text-safety.ts    the content-safety checks
 *
 * state.ts persists what a restart must keep; http.ts serves the route table.
 */
export interface SandboxServer {
  server: Server;
  close(): Promise<void>;
}

export interface SandboxOptions {
  port: number;
  host?: string;
  /** Where WeChat message pushes go (configured in the WeChat console in production). */
  apiUrl: string;
  /** Multiplies every retry delay: 1 in `npm start`, small in tests. */
  timeScale?: number;
}

export async function startSandbox(identity: SandboxIdentity, options: SandboxOptions): Promise<SandboxServer> {
  const { port, host = '127.0.0.1' } = options;
  const timeScale = options.timeScale ?? 1;
  const { state, save } = loadState(identity.dir);
  const queue = deliveryQueue({ identity, state, save, timeScale });
  queue.resume();
  // The rewarded-video ad network (ads.ts): views, and reward callbacks to the API with retries.
  const ads = adNetwork({ identity: ensureAdNetwork(identity.dir), state, save, apiUrl: options.apiUrl, timeScale, readJson, send });
  ads.resume();
  const tokens = accessTokens({ identity, readJson, send });

  const ctx: RouteContext = {
    identity,
    state,
    save,
    queue,
    apiUrl: options.apiUrl,
    selfUrl: `http://${host}:${port}`,
    timeScale,
    tokenPlatform: tokens.platformOf,
    readJson,
    readBytes,
    send,
  };
  const routes: Record<string, Route> = {
    'GET /health': async (_req, _url, res) => send(res, 200, { ok: true }),
    ...loginRoutes(ctx),
    ...cashierRoutes(ctx),
    ...tokens.routes,
    ...messageRoutes(ctx),
    ...conversionRoutes(ctx),
    ...ads.routes,
    ...goingLiveRoutes(ctx),
    ...textSafetyRoutes({ identity, isWechatToken: (token) => tokens.platformOf(token) === 'wechat', readJson, send }),
  };

  const server = await serveRoutes(routes, host, port);
  return {
    server,
    close: () => {
      queue.close();
      ads.close();
      return closeServer(server);
    },
  };
}
