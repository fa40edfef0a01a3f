import Taro from '@tarojs/taro';
import { ApiError } from '@/lib/api-client';
import { config } from '@/lib/config';
import { guardSchema, isRecord } from '@/lib/guard-schema';

/**
 * GET {SANDBOX}/inbox?code=: the subscribe messages the sandbox platform "delivered" to the account
 * behind this H5 login code (the platform knows openids, not our user ids), newest first (H5 only:
 * on tt/weapp the platform itself shows them). Not our API, so no token;
 * the shared contract has no schema for the sandbox's answer, hence the guard here.
 */
export interface InboxMessage {
  id: string;
  at: string;
  platform: string;
  title: string;
  body: string;
  /** A mini-program path with query, e.g. `packages/watch/pages/player/index?seriesId=x&episode=4&from=reminder`. */
  page: string;
  templateId: string;
}

const isMessage = (v: unknown): v is InboxMessage =>
  isRecord(v) && ['id', 'at', 'title', 'body', 'page'].every((k) => typeof v[k] === 'string');
const inboxSchema = guardSchema('an inbox', (v): v is { items: InboxMessage[] } => isRecord(v) && Array.isArray(v.items) && v.items.every(isMessage));

export async function getInbox(sandboxCode: string): Promise<{ items: InboxMessage[] }> {
  if (!config.sandboxUrl) throw new ApiError(0, 'NO_SANDBOX', '沙箱平台未配置（/config.js 缺少 sandboxUrl）', null);
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({ url: `${config.sandboxUrl}/inbox?code=${encodeURIComponent(sandboxCode)}`, method: 'GET', dataType: 'json' });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接沙箱平台，请检查网络后重试', err);
  }
  const parsed = inboxSchema.safeParse(res.data);
  if (res.statusCode !== 200 || !parsed.success) throw new ApiError(res.statusCode, 'BAD_RESPONSE', '沙箱平台返回的数据有误', res.data);
  return parsed.data;
}
