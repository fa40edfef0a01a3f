import Taro from '@tarojs/taro';
import { isSigningPlanName, type SigningPlan } from '@drama/shared/wechat-signing';
import { getSigning, signMembership } from './api/sign-membership';

/**
 * On WeChat an auto-renewing plan is signed, not bought (会员订阅, Android): the API's parameters go
 * to wx.requestSubscribeSign; WeChat then tells the API, which charges the first period. Resolves
 * once that charge is paid (or with false when the viewer backed out or it did not come in time).
 */
export const signsOnWechat = (plan: string): plan is SigningPlan => process.env.TARO_ENV === 'weapp' && isSigningPlanName(plan);

export async function signOnWechat(plan: SigningPlan, timeoutMs = 30_000): Promise<boolean> {
  const { signParams } = await signMembership(plan);
  const wx = (globalThis as { wx?: { requestSubscribeSign?: (o: Record<string, unknown>) => void } }).wx;
  if (!wx?.requestSubscribeSign) throw new Error('当前微信版本不支持自动续费签约');
  const signed = await new Promise<boolean>((resolve) => wx.requestSubscribeSign!({ ...signParams, success: () => resolve(true), fail: () => resolve(false) }));
  if (!signed) return false;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { signing } = await getSigning();
    if (signing?.lastCharge?.state === 'charged') return true;
    if (signing?.lastCharge?.state === 'failed') return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
  void Taro.showToast({ title: '签约成功，首期扣费处理中', icon: 'none' });
  return false;
}
