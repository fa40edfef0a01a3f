import Taro from '@tarojs/taro';
import { sandboxInboxSchema, type SandboxInboxMessage } from '@drama/shared/reminders';
import { ApiError } from '@/lib/api-client';
import { config } from '@/lib/config';

/**
/**
 * GET {SANDBOX}/inbox?code=: the subscribe messages the sandbox platform "delivered" to the account
 * behind this H5 login code, newest first (H5 only: on tt/weapp the platform itself shows them).
 * Not our API, so no token; the answer's schema is the contract's (shared/reminders.ts).
 */
export async function getInbox(sandboxCode: string): Promise<{ items: SandboxInboxMessage[] }> {
  if (!config.sandboxUrl) throw new ApiError(0, 'NO_SANDBOX', '沙箱平台未配置（/config.js 缺少 sandboxUrl）', null);
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({ url: `${config.sandboxUrl}/inbox?code=${encodeURIComponent(sandboxCode)}`, method: 'GET', dataType: 'json' });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接沙箱平台，请检查网络后重试', err);
  }
  const parsed = sandboxInboxSchema.safeParse(res.data);
  if (res.statusCode !== 200 || !parsed.success) throw new ApiError(res.statusCode, 'BAD_RESPONSE', '沙箱平台返回的数据有误', res.data);
  return parsed.data;
}
