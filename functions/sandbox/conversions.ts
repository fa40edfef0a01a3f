import { randomBytes } from 'node:crypto';
import type { Route, RouteContext } from './routes-context';
import type { ConversionRecord } from './state';

/**
 * The ad platforms' conversion APIs (PLATFORM.md §7): 巨量's `/api/v2/conversion` and Douyin's
 * playlet business upload record what they receive (`GET /conversions`) and can be told to fail
 * (`POST /control/fail-conversions`).
 */
export function conversionRoutes(ctx: RouteContext): Record<string, Route> {
  const { state, save, send, readJson } = ctx;
  let conversionFailures = { count: 0, status: 503 };
  const takeFailure = () => {
    if (conversionFailures.count <= 0) return 0;
    conversionFailures.count--;
    return conversionFailures.status;
  };
  const record = (c: Omit<ConversionRecord, 'id' | 'at'>) => {
    state.conversions.push({ id: randomBytes(8).toString('hex'), at: new Date().toISOString(), ...c });
    save();
  };

  return {
    // 巨量引擎 conversion API: {event_type, context: {ad: {callback}}, timestamp}.
    'POST /api/v2/conversion': async (req, _url, res) => {
      const input = await readJson(req);
      const callback = (input.context as { ad?: { callback?: unknown } } | undefined)?.ad?.callback;
      if (typeof input.event_type !== 'string' || typeof callback !== 'string' || !callback || typeof input.timestamp !== 'number') {
        return send(res, 400, { code: 40000, message: 'event_type, context.ad.callback and timestamp (ms) are required' });
      }
      const failure = takeFailure();
      record({ platform: 'oceanengine', eventType: input.event_type, callback, timestamp: input.timestamp, accepted: !failure, body: input });
      if (failure) return send(res, failure, { code: 50000, message: 'system busy' });
      send(res, 200, { code: 0, message: '成功' });
    },

    // Douyin playlet business upload, with an OpenAPI client token.
    'POST /api/apps/v1/playlet_business/upload/': async (req, _url, res) => {
      if (ctx.tokenPlatform(String(req.headers['access-token'])) !== 'douyin') return send(res, 200, { err_no: 28001003, err_msg: 'access-token invalid' });
      const input = await readJson(req);
      const context = (input.context ?? {}) as { device?: { open_id?: unknown }; ad?: { callback?: unknown } };
      const valid =
        (input.event_type === 'premium_member' || input.event_type === 'coin_change') &&
        typeof context.device?.open_id === 'string' &&
        typeof input.properties === 'string' &&
        typeof input.timestamp === 'number';
      if (!valid) return send(res, 200, { err_no: 28001001, err_msg: 'invalid params' });
      try {
        JSON.parse(input.properties as string);
      } catch {
        return send(res, 200, { err_no: 28001001, err_msg: 'properties must be a JSON string' });
      }
      const failure = takeFailure();
      record({
        platform: 'douyin_playlet',
        eventType: input.event_type as string,
        callback: typeof context.ad?.callback === 'string' ? context.ad.callback : '',
        openId: context.device!.open_id as string,
        timestamp: input.timestamp as number,
        accepted: !failure,
        body: input,
      });
      if (failure) return send(res, failure, { err_no: 28001999, err_msg: 'system busy' });
      send(res, 200, { err_no: 0, err_msg: 'success' });
    },

    // What the ad platforms received: ?callback= one click, ?accepted=true only the ones taken.
    'GET /conversions': async (_req, url, res) => {
      const callback = url.searchParams.get('callback');
      const accepted = url.searchParams.get('accepted');
      send(res, 200, {
        items: state.conversions.filter((c) => (!callback || c.callback === callback) && (accepted === null || String(c.accepted) === accepted)),
      });
    },

    // Test control: the next N conversion calls fail with this HTTP status (default 503), then they succeed.
    'POST /control/fail-conversions': async (req, _url, res) => {
      const { count, status } = await readJson(req);
      conversionFailures = { count: Number(count) || 0, status: Number(status) || 503 };
      send(res, 200, conversionFailures);
    },
  };
}
