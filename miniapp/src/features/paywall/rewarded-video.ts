import Taro from '@tarojs/taro';
import type { AdTicket } from '@drama/shared/ads';
import { config } from '@/lib/config';

/**
 * The platform's rewarded video, in one place (one ad per reward, started by the viewer's tap):
 *
 * - tt / weapp: `tt.createRewardedVideoAd` / `wx.createRewardedVideoAd` with the ticket's ad unit;
 *   `onClose({isEnded})` says whether it was watched to the end.
 * - h5: the sandbox plays the ad network: the app shows the sandbox's ad (`SandboxAd`), and when it
 *   has played tells the network `POST {SANDBOX}/ads/watch {ticketId, userId}` — what the ad SDK
 *   would report — and the network calls the API back, signed.
 *
 * Watching proves nothing to the API by itself: the ticket is redeemed by the network's callback, or
 * (WeChat, no callback) by the app's report no sooner than the ad's minimum length.
 */
export type AdOutcome = 'ended' | 'closed';

/** The H5 stand-in for the platform's ad: resolves true when it played to the end. */
export type SandboxAdPlayer = () => Promise<boolean>;

export class AdError extends Error {
  constructor(message: string, readonly detail?: unknown) {
    super(message);
    this.name = 'AdError';
  }
}

interface RewardedVideoAd {
  show(): Promise<unknown>;
  load(): Promise<unknown>;
  onClose(cb: (res?: { isEnded?: boolean }) => void): void;
  offClose(cb?: (res?: { isEnded?: boolean }) => void): void;
  onError(cb: (err: unknown) => void): void;
  offError(cb?: (err: unknown) => void): void;
}
type AdApi = { createRewardedVideoAd?: (opts: { adUnitId: string }) => RewardedVideoAd };
declare const tt: AdApi | undefined;
declare const wx: AdApi | undefined;

export async function showRewardedVideo(ticket: AdTicket, userId: string, sandboxAd: SandboxAdPlayer): Promise<AdOutcome> {
  if (process.env.TARO_ENV === 'h5') return sandboxWatch(ticket, userId, sandboxAd);
  const api = process.env.TARO_ENV === 'tt' ? (typeof tt === 'undefined' ? undefined : tt) : typeof wx === 'undefined' ? undefined : wx;
  if (!api?.createRewardedVideoAd) throw new AdError('当前版本不支持激励视频，请升级客户端');
  const ad = api.createRewardedVideoAd({ adUnitId: ticket.adUnitId });
  return new Promise<AdOutcome>((resolve, reject) => {
    const onClose = (res?: { isEnded?: boolean }) => {
      cleanup();
      // Old base libraries call back without an argument only when the ad was watched through.
      resolve(res === undefined || res.isEnded ? 'ended' : 'closed');
    };
    const onError = (err: unknown) => {
      cleanup();
      reject(new AdError('广告暂时无法播放，请稍后再试', err));
    };
    const cleanup = () => {
      ad.offClose(onClose);
      ad.offError(onError);
    };
    ad.onClose(onClose);
    ad.onError(onError);
    // A failed show is retried once after an explicit load (the platforms' documented pattern).
    ad.show().catch(() => ad.load().then(() => ad.show()).catch(onError));
  });
}

async function sandboxWatch(ticket: AdTicket, userId: string, sandboxAd: SandboxAdPlayer): Promise<AdOutcome> {
  if (!(await sandboxAd())) return 'closed';
  if (!config.sandboxUrl) throw new AdError('沙箱广告未配置（/config.js 缺少 sandboxUrl）');
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({ url: `${config.sandboxUrl}/ads/watch`, method: 'POST', data: { ticketId: ticket.ticketId, userId }, header: { 'content-type': 'application/json' }, dataType: 'json' });
  } catch (err) {
    throw new AdError('无法连接广告平台，请检查网络后重试', err);
  }
  if (res.statusCode !== 200) throw new AdError('广告平台没有确认这次观看', res.data);
  return 'ended';
}
