import { defaultAttributionWindowS } from '@drama/shared/attribution';
import { catalogVisibilities, type CatalogVisibility } from '@drama/shared/going-live';
import { quietHours, type ReminderKind } from '@drama/shared/reminders';

/**
 * The functions' environment, read and checked once at cold start. Every variable is listed in the
 * README with its local default; `npm start` and the test setup pass the local values. Secrets and
 * platform identities are not here: each module that reads one declares it (lib/secrets.ts), so a
 * function is given, and checks, only the ones its code reads.
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
  tokenTtlS: number;
  platformMode: 'sandbox' | 'live';
  sandboxUrl: string;
  /** The API's public base URL: the payment notification URLs handed to the platforms. */
  apiPublicUrl: string;
  /** Douyin's app key version (the platform's identities and keys are secrets: lib/secrets.ts). */
  douyin: { keyVersion: string };
  /** WeChat virtual payment's environment: 1 (sandbox) or 0 (production). */
  wechat: { env: 0 | 1 };
  /** Accepted clock skew of platform notifications, in seconds. */
  notifyWindowS: number;
  /** The platform template id of each reminder kind. */
  reminderTemplates: Record<'douyin' | 'wechat', Record<ReminderKind, string>>;
  /** The platform template id of the auto-renewal pre-charge notice (a service message). */
  renewalNoticeTemplates: Record<'douyin' | 'wechat', string>;
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
  /** Wrong operator secrets one address may try in 15 minutes before its sign-ins wait (429). */
  operatorLoginFailures: number;
  /** A launch's ad click counts for conversions this long after it. */
  attributionWindowS: number;
  /** Pauses before each retry of a conversion the ad platform did not take; after the last, it is given up. */
  conversionRetryDelaysMs: number[];
  /** Rewarded ads: the ad unit the app shows (the network's signing key is a secret: AD_SECURITY_KEY). */
  ads: { unitId: string };
  /** Going live (publishing/): which published series viewers see, and how the publish jobs run. */
  publishing: {
    visibility: CatalogVisibility;
    /** Pauses before each retry of a platform call that failed transiently; the last repeats. */
    retryDelaysMs: number[];
    /** How long one claimed platform call may take before another driver may redo it. */
    leaseMs: number;
    /** Between polls of WeChat's pull-upload tasks (and of episodes still in the ingest). */
    pollMs: number;
    /** The function that drives publish jobs (invoked asynchronously when a job can move on). */
    syncFunction: string;
    /** The mini-program page Douyin's playlet player opens (album/bind). */
    playerPath: string;
    /** 制作方, as WeChat's drama review is told. */
    producer: string;
  };
  /**
   * WeChat's membership subscription (membership/wechat-signing.ts): offered only once this
   * mini-program qualifies (virtual payment live, 90 days since release, 10k daily users).
   */
  wechatSigning: boolean;
  /** The episode ingest (media/ingest.ts). */
  ingest: {
    /** The function that runs an episode's ingest (invoked asynchronously after an upload). */
    ingestFunction: string;
    /** The font the licence is burned in with (a CJK face; a Lambda layer in AWS). */
    licenceFont: string;
  };
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

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
}

function delays(name: string, fallback: string): number[] {
  const values = (process.env[name] ?? fallback).split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${name} must be a comma-separated list of positive integers (ms), got ${process.env[name]}`);
  return values;
}

function visibilityFrom(value: string | undefined): CatalogVisibility {
  const v = (value ?? 'approved') as CatalogVisibility;
  if (!catalogVisibilities.includes(v)) throw new Error(`CATALOG_VISIBILITY must be approved or published, got ${value}`);
  return v;
}

function onOff(name: string, fallback: 'on' | 'off'): boolean {
  const value = process.env[name] ?? fallback;
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be on or off, got ${value}`);
  return value === 'on';
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

function load(): Config {
  const platformMode = (process.env.PLATFORM_MODE ?? 'sandbox') as Config['platformMode'];
  if (platformMode !== 'sandbox' && platformMode !== 'live') {
    throw new Error(`PLATFORM_MODE must be sandbox or live, got ${platformMode}`);
  }
  return {
    stage: process.env.STAGE ?? 'local',
    region: process.env.AWS_REGION ?? 'ap-northeast-1',
    tableName: required('TABLE_NAME'),
    mediaBucket: required('MEDIA_BUCKET'),
    s3Endpoint: optional('S3_ENDPOINT'),
    mediaPublicEndpoint: optional('MEDIA_PUBLIC_ENDPOINT'),
    dynamodbEndpoint: optional('DYNAMODB_ENDPOINT'),
    tokenTtlS: positiveInt('TOKEN_TTL_S', 7 * 24 * 3600),
    platformMode,
    sandboxUrl: process.env.SANDBOX_URL ?? 'http://127.0.0.1:3100',
    apiPublicUrl: process.env.API_PUBLIC_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`,
    douyin: { keyVersion: process.env.DOUYIN_KEY_VERSION ?? '1' },
    wechat: { env: platformMode === 'sandbox' ? 1 : 0 },
    notifyWindowS: positiveInt('NOTIFY_WINDOW_S', 300),
    reminderTemplates: process.env.REMINDER_TEMPLATES ? (JSON.parse(process.env.REMINDER_TEMPLATES) as Config['reminderTemplates']) : defaultTemplates,
    renewalNoticeTemplates: process.env.RENEWAL_NOTICE_TEMPLATES
      ? (JSON.parse(process.env.RENEWAL_NOTICE_TEMPLATES) as Config['renewalNoticeTemplates'])
      : { douyin: 'MSG_DY_RENEWAL_NOTICE', wechat: 'TPL_WX_RENEWAL_NOTICE' },
    quietHours: quietHoursFrom(process.env.REMINDER_QUIET_HOURS),
    sendRetryDelaysMs: (process.env.SEND_RETRY_DELAYS_MS ?? '500,2000,8000').split(',').map(Number),
    inferenceEndpointName: optional('INFERENCE_ENDPOINT_NAME'),
    inferenceUrl: optional('INFERENCE_URL'),
    inferenceTimeoutMs: positiveInt('INFERENCE_TIMEOUT_MS', 8000),
    precomputeFunction: process.env.PRECOMPUTE_FUNCTION ?? 'drama-local-precomputeScene',
    lambdaEndpoint: optional('LAMBDA_ENDPOINT'),
    operatorLoginFailures: positiveInt('OPERATOR_LOGIN_FAILURES', 10),
    attributionWindowS: positiveInt('ATTRIBUTION_WINDOW_S', defaultAttributionWindowS),
    conversionRetryDelaysMs: (process.env.CONVERSION_RETRY_DELAYS_MS ?? '60000,300000,1800000,7200000').split(',').map(Number),
    ads: { unitId: process.env.AD_UNIT_ID ?? '' },
    publishing: {
      visibility: visibilityFrom(process.env.CATALOG_VISIBILITY),
      retryDelaysMs: delays('PUBLISH_RETRY_DELAYS_MS', '30000,120000,600000,3600000'),
      leaseMs: positiveInt('PUBLISH_LEASE_MS', 60_000),
      pollMs: positiveInt('PUBLISH_POLL_MS', 30_000),
      syncFunction: process.env.SYNC_FUNCTION ?? 'drama-local-syncPlatforms',
      playerPath: process.env.PLAYLET_PLAYER_PATH ?? 'packages/watch/pages/player/index',
      producer: process.env.DRAMA_PRODUCER ?? '短剧示例制作方',
    },
    wechatSigning: onOff('WECHAT_SIGNING', 'off'),
    ingest: {
      ingestFunction: process.env.INGEST_FUNCTION ?? 'drama-local-ingestEpisode',
      licenceFont: process.env.LICENCE_FONT ?? '',
    },
    traceFunction: process.env.TRACE_FUNCTION ?? 'drama-local-traceLeak',
  };
}

let cached: Config | undefined;
/** The configuration, loaded on first use (so tests can set the environment before importing). */
export function config(): Config {
  cached ??= load();
  return cached;
}
