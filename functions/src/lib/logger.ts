import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { secretNames } from './secrets';

export const redactedMark = '***';

/** Fields whose values are credentials whatever they hold (matched on the key, case-insensitively). */
const secretKey =
  /authorization|cookie|token|secret|passw(or)?d|private.?key|signature|paysig|byteauthorization|session.?key|aes.?key|app.?key|credential|api.?key|^code$|^sig$|^x-amz-/i;

/** Credentials recognisable in any text: bearer tokens, JWS/JWT, PEM keys, presigned URL signatures. */
const secretPatterns: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g, redactedMark],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${redactedMark}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, redactedMark],
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi, `$1${redactedMark}`],
];

/**
 * The configured secrets themselves: wherever one appears in a log line (an echoed request, an
 * error message quoting a URL), it is masked. Read per line, so a function configured after this
 * module loaded is covered too; short values are skipped so that "1" never masks every digit.
 */
const secretEnv = [...secretNames, 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

function configuredSecrets(): string[] {
  return secretEnv.map((name) => process.env[name] ?? '').filter((value) => value.length >= 8 && !value.startsWith('{{resolve:'));
}

export function redactText(text: string, secrets = configuredSecrets()): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(redactedMark);
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy with secret-named fields masked and secrets in strings masked; cycles and depth bounded. */
export function redact(value: unknown, secrets = configuredSecrets(), depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return redact(errorFields(value), secrets, depth + 1, seen);
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = secretKey.test(key) && v !== undefined && v !== null && v !== '' ? redactedMark : redact(v, secrets, depth + 1, seen);
  }
  return out;
}

function errorFields(error: Error): Record<string, unknown> {
  const { name, message, stack } = error;
  const cause = (error as { cause?: unknown }).cause;
  return { ...Object.fromEntries(Object.entries(error)), name, message, stack, ...(cause === undefined ? {} : { cause }) };
}

/**
 * Powertools' own layout (the package does not export its formatter), with every attribute, the
 * message and any error passed through `redact` before it is printed: secrets never reach
 * CloudWatch even when a handler logs a whole request.
 */
class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const secrets = configuredSecrets();
    const context = attributes.lambdaContext;
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: redactText(String(attributes.message ?? ''), secrets),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: context?.coldStart,
      function_arn: context?.invokedFunctionArn,
      function_memory_size: context?.memoryLimitInMB,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: base }).addAttributes(redact(additionalLogAttributes, secrets) as LogAttributes);
  }

  override formatError(error: Error): LogAttributes {
    return redact(super.formatError(error)) as LogAttributes;
  }
}

/** One structured logger for every function, built once at module scope. */
export const logger = new Logger({
  serviceName: 'drama-api',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
  logFormatter: new RedactingLogFormatter(),
});

/**
 * Powertools' context injection, for the one place HTTP handlers are wrapped (http.ts's `route`):
 * every line logged while the request runs carries its id as `function_request_id`. Called
 * without a Lambda context (a handler invoked directly, in tests), the API Gateway request id
 * stands in, so no line ever carries the id of an earlier request.
 */
export function logRequestContext(context: Context | undefined, requestId: string): void {
  logger.addContext(context ?? ({ awsRequestId: requestId } as Context));
}
