import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from './state';

/**
 * The sandbox's rewarded-video ad network (Pangle/穿山甲-style), kept apart from the API's own code
 * on purpose: the API's verification is tested against an independent signer. The app (H5) shows
 * the sandbox's ad and, when it has played, tells the network `POST /ads/watch {ticketId, userId}`
 * — what the ad SDK would learn from the app (media extra = the ticket, user id) and report when the
 * view completes. The network then calls the API back, server to server, `POST /ads/callback` with
 * `trans_id`, `user_id`, `extra`, reward fields and `sign` = hex SHA-256 of "<security key>:<trans_id>",
 * retrying until the API answers `{"isValid": true}` (the retry schedule is ours: unconfirmed).
 */
export interface AdNetworkIdentity {
  appId: string;
  adUnitId: string;
  /** The app security key both sides know (the API reads it as AD_SECURITY_KEY). */
  securityKey: string;
}

export interface AdView {
  transId: string;
  ticketId: string;
  userId: string;
  url: string;
  attempts: Array<{ at: string; status: number | null; reply: string }>;
  nextAt: string | null;
  delivered: boolean;
  givenUp: boolean;
}

/** Seconds to wait after each failed delivery. */
export const adRetryScheduleS = [2, 4, 8, 16, 32, 64, 128, 256];

/** The ad network's app settings, made once in DATA_DIR/sandbox/ads.json. */
export function ensureAdNetwork(sandboxDir: string): AdNetworkIdentity {
  const file = join(sandboxDir, 'ads.json');
  if (!existsSync(file)) {
    const identity: AdNetworkIdentity = { appId: `5${randomBytes(3).readUIntBE(0, 3)}`, adUnitId: `adunit-${randomBytes(6).toString('hex')}`, securityKey: randomBytes(16).toString('hex') };
    writeFileSync(file, JSON.stringify(identity, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as AdNetworkIdentity;
}

export function rewardCallbackBody(identity: AdNetworkIdentity, view: Pick<AdView, 'transId' | 'ticketId' | 'userId'>): Record<string, unknown> {
  return {
    trans_id: view.transId,
    user_id: view.userId,
    extra: view.ticketId,
    reward_name: '免费解锁一集',
    reward_amount: 1,
    sign: createHash('sha256').update(`${identity.securityKey}:${view.transId}`).digest('hex'),
  };
}

type Route = (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>;

export function adNetwork(opts: {
  identity: AdNetworkIdentity;
  state: SandboxState;
  save: () => void;
  apiUrl: string;
  timeScale: number;
  readJson: (req: IncomingMessage) => Promise<Record<string, unknown>>;
  send: (res: ServerResponse, status: number, body: unknown) => void;
}) {
  const views = (opts.state.adViews ??= []);
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const schedule = (view: AdView) => {
    if (closed || view.delivered || view.givenUp || !view.nextAt) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(view);
    }, Math.max(0, Date.parse(view.nextAt) - Date.now()));
    timers.add(timer);
  };

  const attempt = async (view: AdView) => {
    const at = new Date();
    let status: number | null = null;
    let reply = '';
    try {
      const response = await fetch(view.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rewardCallbackBody(opts.identity, view)),
        signal: AbortSignal.timeout(5000),
      });
      status = response.status;
      reply = (await response.text()).slice(0, 500);
    } catch (error) {
      reply = (error as Error).message;
    }
    view.attempts.push({ at: at.toISOString(), status, reply });
    let valid = false;
    try {
      valid = status === 200 && (JSON.parse(reply) as { isValid?: unknown }).isValid === true;
    } catch {
      valid = false;
    }
    if (valid) {
      view.delivered = true;
      view.nextAt = null;
    } else if (view.attempts.length > adRetryScheduleS.length) {
      view.givenUp = true;
      view.nextAt = null;
    } else {
      view.nextAt = new Date(Date.now() + adRetryScheduleS[view.attempts.length - 1] * 1000 * opts.timeScale).toISOString();
    }
    opts.save();
    schedule(view);
  };

  const routes: Record<string, Route> = {
    // The view completed: the network rewards it by calling the API back (with retries).
    'POST /ads/watch': async (req, _url, res) => {
      const input = await opts.readJson(req);
      const ticketId = typeof input.ticketId === 'string' ? input.ticketId.slice(0, 256) : '';
      if (!ticketId) return opts.send(res, 400, { code: 'BAD_REQUEST', message: 'ticketId is required: the media extra the app handed the ad' });
      const view: AdView = {
        transId: `tr${Date.now()}${randomBytes(8).toString('hex')}`,
        ticketId,
        userId: typeof input.userId === 'string' ? input.userId.slice(0, 128) : '',
        url: `${opts.apiUrl}/ads/callback`,
        attempts: [],
        nextAt: new Date().toISOString(),
        delivered: false,
        givenUp: false,
      };
      views.push(view);
      opts.save();
      schedule(view);
      opts.send(res, 200, { transId: view.transId, ticketId, status: 'rewarding' });
    },

    // Every completed view and each callback attempt (?ticketId= one ticket's).
    'GET /ads/views': async (_req, url, res) => {
      const ticketId = url.searchParams.get('ticketId');
      opts.send(res, 200, { items: views.filter((v) => !ticketId || v.ticketId === ticketId) });
    },
  };

  return {
    routes,
    resume: () => views.forEach(schedule),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
