import { errorCodes, type ErrorCode } from '@drama/shared/errors';

/** Codes the app itself gives a failure: no answer, an answer that breaks the contract, a bare status. */
export const clientErrorCodes = ['NETWORK_ERROR', 'BAD_RESPONSE', 'HTTP_ERROR'] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

/**
 * What a viewer reads for each error code: the one table. The API's `message` is English and meant for
 * developers and logs; the app never shows it. A code added to the contract (`shared/src/errors.ts`)
 * without a line here fails the type check and `error-text.test.ts`.
 */
export const errorTexts: Record<ErrorCode | ClientErrorCode, string> = {
  BAD_REQUEST: '请求有误，请返回后重试',
  UNAUTHORIZED: '登录已过期，请重新进入',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已下架',
  ENTITLEMENT_REQUIRED: '本集需解锁后观看',
  INSUFFICIENT_COINS: '金币不足，请先充值',
  CONFLICT: '操作冲突：你可能已完成过此操作，请刷新后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '文件太大，请换一个小一些的文件',
  CONTENT_REFUSED: '内容未通过安全审核，请修改后再发',
  UNSUPPORTED_MEDIA_TYPE: '不支持这种文件格式',
  INTERNAL: '服务开小差了，请稍后重试',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  BAD_RESPONSE: '服务返回的数据有误，请稍后重试',
  HTTP_ERROR: '请求失败，请稍后重试',
};

const known = new Set<string>([...errorCodes, ...clientErrorCodes]);

/** The viewer's text for a code; a code the table does not know reads as a plain failure. */
export const textForCode = (code: string): string =>
  known.has(code) ? errorTexts[code as ErrorCode | ClientErrorCode] : errorTexts.HTTP_ERROR;

/**
 * What to tell the user about a failure: an API error (`ApiError`, which carries a code) by its code,
 * anything else as a plain failure. Duck-typed so the API client can import this table.
 */
export function errorText(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code ? textForCode(code) : '出错了，请稍后重试';
}
