import type { Conversion, ConversionPlatform, ConversionTarget, TargetResult } from '../../domain/attribution/attribution';
import { config } from '../../lib/config';
import { secretsFor } from '../../lib/secrets';
import { dynamoUsers } from '../dynamodb-users';

/**
 * The one ad-platform adapter (PLATFORM.md §7). Every conversion goes to 巨量引擎's conversion API
 * (`POST /api/v2/conversion`, `{event_type, context: {ad: {callback}}, timestamp}`); a coin or
 * membership payment by a Douyin user also goes to Douyin's playlet business upload
 * (`POST /api/apps/v1/playlet_business/upload/`, header `access-token`). Event names and where the
 * click id comes from are our best reading (unconfirmed) and live only here. In sandbox mode both
 * bases are the sandbox platform.
 */
export const oceanEventType: Record<Conversion['event'], string> = {
  first_watch: 'active',
  // 关键行为 (key action): the first paid episode watched.
  first_paid_episode: 'game_addiction',
  payment: 'active_pay',
};

const douyinApp = /* @__PURE__ */ secretsFor('DOUYIN_APP_ID', 'DOUYIN_APP_SECRET');

type Token = { value: string; expiresAt: number };
let clientToken: Token | undefined;

async function postJson(url: string, body: unknown, timeoutMs: number, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: judged by the status alone
  }
  return { status: response.status, json, text };
}

const bases = () => {
  const c = config();
  const sandbox = c.platformMode === 'sandbox';
  return { ocean: sandbox ? c.sandboxUrl : 'https://analytics.oceanengine.com', douyin: sandbox ? c.sandboxUrl : 'https://open.douyin.com' };
};

async function douyinClientToken(timeoutMs: number): Promise<string> {
  if (clientToken && clientToken.expiresAt > Date.now() + 60_000) return clientToken.value;
  const { DOUYIN_APP_ID, DOUYIN_APP_SECRET } = douyinApp();
  const { json } = await postJson(`${bases().douyin}/oauth/client_token/`, { client_key: DOUYIN_APP_ID, client_secret: DOUYIN_APP_SECRET, grant_type: 'client_credential' }, timeoutMs);
  const data = json.data as { access_token?: string; expires_in?: number } | undefined;
  if (!data?.access_token) throw new Error(`douyin client_token: ${JSON.stringify(json).slice(0, 200)}`);
  clientToken = { value: data.access_token, expiresAt: Date.now() + (data.expires_in ?? 7200) * 1000 };
  return clientToken.value;
}

/** HTTP 5xx, 429 and network errors are worth retrying; other refusals are not. */
const transient = (status: number) => status >= 500 || status === 429;

export const adPlatform: ConversionPlatform = {
  targetsFor(conversion) {
    const targets: ConversionTarget[] = ['oceanengine'];
    if (conversion.event === 'payment' && (conversion.product === 'coins' || conversion.product === 'membership')) targets.push('douyin_playlet');
    return targets;
  },

  async report(conversion, target, timeoutMs): Promise<TargetResult> {
    const timestamp = Date.parse(conversion.occurredAt);
    if (target === 'oceanengine') {
      const { status, json, text } = await postJson(`${bases().ocean}/api/v2/conversion`, {
        event_type: oceanEventType[conversion.event],
        context: { ad: { callback: conversion.clickid } },
        timestamp,
        ...(conversion.amountFen ? { properties: { pay_amount: conversion.amountFen } } : {}),
      }, timeoutMs);
      const code = Number(json.code ?? (status === 200 ? 0 : -1));
      if (status === 200 && code === 0) return { ok: true, detail: `oceanengine ${text.slice(0, 120)}` };
      return { ok: false, permanent: !transient(status) && status !== 200, detail: `oceanengine HTTP ${status} ${text.slice(0, 200)}` };
    }
    const identity = await dynamoUsers.identityOf(conversion.userId);
    if (!identity || identity.platform === 'wechat') return { ok: true, detail: 'douyin_playlet skipped: not a Douyin user' };
    const token = await douyinClientToken(timeoutMs);
    const { status, json, text } = await postJson(
      `${bases().douyin}/api/apps/v1/playlet_business/upload/`,
      {
        event_type: conversion.product === 'membership' ? 'premium_member' : 'coin_change',
        context: { device: { open_id: identity.openId }, ad: { callback: conversion.clickid } },
        properties: JSON.stringify({
          benefit_type: conversion.product === 'membership' ? 'member' : 'coin',
          benefit_start_time: Math.floor(timestamp / 1000),
          benefit_duration: 0,
          playlet_name: conversion.seriesId ?? '',
          album_id: conversion.seriesId ?? '',
          order_id: conversion.orderId ?? '',
        }),
        timestamp,
      },
      timeoutMs,
      { 'access-token': token },
    );
    const code = Number(json.err_no ?? (status === 200 ? 0 : -1));
    if (status === 200 && code === 0) return { ok: true, detail: `douyin_playlet ${text.slice(0, 120)}` };
    if (code === 28001003) clientToken = undefined;
    return { ok: false, permanent: false, detail: `douyin_playlet HTTP ${status} ${text.slice(0, 200)}` };
  },
};
