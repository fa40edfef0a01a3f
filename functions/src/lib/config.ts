import { defaultAttributionWindowS } from '@drama/shared/attribution';
import { quietHours, type ReminderKind } from '@drama/shared/reminders';

/**
 * The functions' environment, read and checked once at cold start. Every variable is listed in the
 * README with its local default; `npm start` and the test setup pass the local values.
 */
export interface Config {
  stage: string;
  region: string;
  tableName: string;
  mediaBucket: string;
  /** Where the functions reach S3 (unset in AWS). */
  s3Endpoint?: string;
  /** Where viewers fetch media: the host signed into play URLs (unset in AWS: the S3 regional host). */
  mediaPublicEndpoint?: string;
  dynamodbEndpoint?: string;
  tokenSecret: string;
  tokenTtlS: number;
  platformMode: 'sandbox' | 'live';
  sandboxUrl: string;
  /** The API's public base URL: the payment notification URLs handed to the platforms. */
  apiPublicUrl: string;
  douyin: { appId: string; appSecret: string; merchantUid: string; keyVersion: string; appPrivateKey: string; platformPublicKey: string };
  wechat: { appId: string; appSecret: string; appKey: string; token: string; encodingAESKey: string; offerId: string; env: 0 | 1 };
  /** Accepted clock skew of platform notifications, in seconds. */
  notifyWindowS: number;
  /** The platform template id of each reminder kind. */
  reminderTemplates: Record<'douyin' | 'wechat', Record<ReminderKind, string>>;
  /** Shanghai hours [from, to) when no reminder is sent; null: never quiet. */
  quietHours: { from: number; to: number } | null;
  /** Pauses between retries of a transient send failure. */
  sendRetryDelaysMs: number[];
  /** The world-model endpoint: a SageMaker endpoint name in AWS, or a URL locally. */
  inferenceEndpointName?: string;
  inferenceUrl?: string;
  inferenceTimeoutMs: number;
  /** The function that computes a scene's next 8-branch batch (invoked asynchronously). */
  precomputeFunction: string;
  /** Where the Lambda API is (serverless-offline locally; unset in AWS). */
  lambdaEndpoint?: string;
  /** Operators sign in with this secret; their tokens are signed with a key derived from it. Empty: no operator can sign in. */
  operatorSecret: string;
  /** Wrong operator secrets one address may try in 15 minutes before its sign-ins wait (429). */
  operatorLoginFailures: number;
  /** A launch's ad click counts for conversions this long after it. */
  attributionWindowS: number;
  /** Pauses before each retry of a conversion the ad platform did not take; after the last, it is given up. */
  conversionRetryDelaysMs: number[];
  /** Keys the forensic marks, segment names, viewer codes and playlist URLs (≥ 32 chars; empty where a function needs none). */
  markSecret: string;
  /** The episode ingest function (invoked asynchronously after an operator's upload). */
  ingestFunction: string;
  /** The trace function (invoked asynchronously for a suspect file). */
  traceFunction: string;
}

const defaultTemplates: Config['reminderTemplates'] = {
  douyin: { episode_update: 'MSG_DY_EPISODE_UPDATE', checkin: 'MSG_DY_CHECKIN', new_drama: 'MSG_DY_NEW_DRAMA', home_recommend: 'MSG_DY_HOME_RECOMMEND' },
  wechat: { episode_update: 'TPL_WX_EPISODE_UPDATE', checkin: 'TPL_WX_CHECKIN', new_drama: 'TPL_WX_NEW_DRAMA', home_recommend: 'TPL_WX_HOME_RECOMMEND' },
};

function quietHoursFrom(value: string | undefined): Config['quietHours'] {
  if (value === 'none') return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(value ?? `${quietHours.from}-${quietHours.to}`);
  if (!m) throw new Error('REMINDER_QUIET_HOURS must look like 22-8, or be none');
  return { from: Number(m[1]), to: Number(m[2]) };
}

function operatorSecretFrom(value: string | undefined): string {
  if (value && value.length < 32) throw new Error('OPERATOR_SECRET must be at least 32 characters');
  return value ?? '';
}

function markSecretFrom(value: string | undefined): string {
  if (value && value.length < 32) throw new Error('MARK_SECRET must be at least 32 characters');
  return value ?? '';
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value ? value : undefined;
}

/** PEM keys may arrive with literal "\n" sequences (SSM, .env files): restore the newlines. */
function pem(value: string | undefined): string {
  return (value ?? '').replace(/\\n/g, '\n');
}

function load(): Config {
  const platformMode = (process.env.PLATFORM_MODE ?? 'sandbox') as Config['platformMode'];
  if (platformMode !== 'sandbox' && platformMode !== 'live') {
    throw new Error(`PLATFORM_MODE must be sandbox or live, got ${platformMode}`);
  }
  const tokenSecret = required('TOKEN_SECRET');
  if (tokenSecret.length < 32) throw new Error('TOKEN_SECRET must be at least 32 characters');
  return {
    stage: process.env.STAGE ?? 'local',
    region: process.env.AWS_REGION ?? 'ap-northeast-1',
    tableName: required('TABLE_NAME'),
    mediaBucket: required('MEDIA_BUCKET'),
    s3Endpoint: optional('S3_ENDPOINT'),
    mediaPublicEndpoint: optional('MEDIA_PUBLIC_ENDPOINT'),
    dynamodbEndpoint: optional('DYNAMODB_ENDPOINT'),
    tokenSecret,
    tokenTtlS: positiveInt('TOKEN_TTL_S', 7 * 24 * 3600),
    platformMode,
    sandboxUrl: process.env.SANDBOX_URL ?? 'http://127.0.0.1:3100',
    apiPublicUrl: process.env.API_PUBLIC_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`,
    douyin: {
      appId: process.env.DOUYIN_APP_ID ?? '',
      appSecret: process.env.DOUYIN_APP_SECRET ?? '',
      merchantUid: process.env.DOUYIN_MERCHANT_UID ?? '',
      keyVersion: process.env.DOUYIN_KEY_VERSION ?? '1',
      appPrivateKey: pem(process.env.DOUYIN_APP_PRIVATE_KEY),
      platformPublicKey: pem(process.env.DOUYIN_PLATFORM_PUBLIC_KEY),
    },
    wechat: {
      appId: process.env.WECHAT_APP_ID ?? '',
      appSecret: process.env.WECHAT_APP_SECRET ?? '',
      appKey: process.env.WECHAT_APP_KEY ?? '',
      token: process.env.WECHAT_TOKEN ?? '',
      encodingAESKey: process.env.WECHAT_ENCODING_AES_KEY ?? '',
      offerId: process.env.WECHAT_OFFER_ID ?? '',
      env: platformMode === 'sandbox' ? 1 : 0,
    },
    notifyWindowS: positiveInt('NOTIFY_WINDOW_S', 300),
    reminderTemplates: process.env.REMINDER_TEMPLATES ? (JSON.parse(process.env.REMINDER_TEMPLATES) as Config['reminderTemplates']) : defaultTemplates,
    quietHours: quietHoursFrom(process.env.REMINDER_QUIET_HOURS),
    sendRetryDelaysMs: (process.env.SEND_RETRY_DELAYS_MS ?? '500,2000,8000').split(',').map(Number),
    inferenceEndpointName: optional('INFERENCE_ENDPOINT_NAME'),
    inferenceUrl: optional('INFERENCE_URL'),
    inferenceTimeoutMs: positiveInt('INFERENCE_TIMEOUT_MS', 8000),
    precomputeFunction: process.env.PRECOMPUTE_FUNCTION ?? 'drama-local-precomputeScene',
    lambdaEndpoint: optional('LAMBDA_ENDPOINT'),
    operatorSecret: operatorSecretFrom(process.env.OPERATOR_SECRET),
    operatorLoginFailures: positiveInt('OPERATOR_LOGIN_FAILURES', 10),
    attributionWindowS: positiveInt('ATTRIBUTION_WINDOW_S', defaultAttributionWindowS),
    conversionRetryDelaysMs: (process.env.CONVERSION_RETRY_DELAYS_MS ?? '60000,300000,1800000,7200000').split(',').map(Number),
    markSecret: markSecretFrom(process.env.MARK_SECRET),
    ingestFunction: process.env.INGEST_FUNCTION ?? 'drama-local-ingestEpisode',
    traceFunction: process.env.TRACE_FUNCTION ?? 'drama-local-traceLeak',
  };
}

let cached: Config | undefined;
/** The configuration, loaded on first use (so tests can set the environment before importing). */
export function config(): Config {
  cached ??= load();
  return cached;
}
