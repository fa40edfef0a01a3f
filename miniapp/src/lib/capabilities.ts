import Taro from '@tarojs/taro';

/**
 * What this platform lets the app do, decided in one place (PLATFORM.md §4 "iOS").
 *
 * WeChat's rules have long barred virtual-goods purchase UI on iOS; newer WeChat versions may allow
 * it (unconfirmed), so this stays one switch to flip when the truth is known.
 */
export function canPurchase(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return true;
  return systemPlatform() !== 'ios';
}

/** Why purchase UI is hidden, in the words shown to the user. */
export const purchaseBlockedReason = '由于平台规定，iOS 用户暂不支持购买';

let platform: string | undefined;
function systemPlatform(): string {
  if (platform === undefined) {
    try {
      const info = Taro.getDeviceInfo ? Taro.getDeviceInfo() : Taro.getSystemInfoSync();
      platform = String(info.platform).toLowerCase();
    } catch {
      platform = Taro.getSystemInfoSync().platform.toLowerCase();
    }
  }
  return platform;
}

/**
 * Where the app runs, as the catalog routes take it (`?platform=`): inside Douyin or WeChat the list
 * holds what that platform approved (going-live.ts); the H5 build sees what some platform approved.
 */
export function viewerPlatform(): 'douyin' | 'wechat' | 'h5' {
  return process.env.TARO_ENV === 'tt' ? 'douyin' : process.env.TARO_ENV === 'weapp' ? 'wechat' : 'h5';
}
