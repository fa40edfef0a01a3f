import { createPrivateKey, createPublicKey } from 'node:crypto';

/**
 * The secrets and platform identities the functions take from SSM (README, Deploy), each with the
 * SSM parameter it comes from and the form it must have. This table is the one place they are
 * named: `serverless.yml` gives each function only the ones its code declares (`custom.secrets`),
 * the deploy test checks that against what each packaged function reads at cold start, and the
 * logger masks their values.
 *
 * A module that reads secrets declares them once at module scope with `secretsFor(...)`. Outside the
 * sandbox (`PLATFORM_MODE` other than `sandbox`) the declaration checks them on the spot, so a
 * missing, empty or malformed secret stops the function at cold start with its name instead of
 * running with `''`; in the sandbox they are checked when first read (the local stack passes the
 * sandbox platform's generated ones, and tests set the environment after importing).
 */
type Form = (value: string) => string | undefined;

const pattern = (re: RegExp, what: string): Form => (v) => (re.test(v) ? undefined : `must be ${what}`);
const atLeast = (n: number): Form => (v) => (v.length >= n ? undefined : `must be at least ${n} characters`);
/** PEM keys may arrive with literal "\n" sequences (SSM, .env files). */
const pem = (v: string) => v.replace(/\\n/g, '\n');
const parses = (what: string, parse: (pem: string) => { asymmetricKeyType?: string }): Form => (v) => {
  try {
    return parse(pem(v)).asymmetricKeyType === 'rsa' ? undefined : `must be an RSA ${what} (PEM)`;
  } catch {
    return `must be an RSA ${what} (PEM)`;
  }
};
/** WeChat's EncodingAESKey: 43 characters that are a 32-byte key in base64 without its "=". */
const aesKey: Form = (v) => (/^[A-Za-z0-9+/]{43}$/.test(v) && Buffer.from(`${v}=`, 'base64').length === 32 ? undefined : 'must be 43 base64 characters (a 32-byte key)');

export const secretSpecs = {
  TOKEN_SECRET: { ssm: 'token-secret', form: atLeast(32) },
  OPERATOR_SECRET: { ssm: 'operator-secret', form: atLeast(32) },
  DOUYIN_APP_ID: { ssm: 'douyin-app-id', form: pattern(/^tt[0-9a-z]{16}$/, '"tt" and 16 letters or digits') },
  DOUYIN_APP_SECRET: { ssm: 'douyin-app-secret', form: pattern(/^[0-9A-Za-z]{16,64}$/, '16 to 64 letters or digits') },
  DOUYIN_MERCHANT_UID: { ssm: 'douyin-merchant-uid', form: pattern(/^\d{1,24}$/, 'digits') },
  DOUYIN_APP_PRIVATE_KEY: { ssm: 'douyin-app-private-key', form: parses('private key', createPrivateKey), pem: true },
  DOUYIN_PLATFORM_PUBLIC_KEY: { ssm: 'douyin-platform-public-key', form: parses('public key', createPublicKey), pem: true },
  WECHAT_APP_ID: { ssm: 'wechat-app-id', form: pattern(/^wx[0-9a-f]{16}$/, '"wx" and 16 hex digits') },
  WECHAT_APP_SECRET: { ssm: 'wechat-app-secret', form: pattern(/^[0-9a-f]{32}$/, '32 hex digits') },
  WECHAT_APP_KEY: { ssm: 'wechat-app-key', form: pattern(/^[0-9A-Za-z]{16,64}$/, '16 to 64 letters or digits') },
  WECHAT_OFFER_ID: { ssm: 'wechat-offer-id', form: pattern(/^\d{1,24}$/, 'digits') },
  // WeChat's own rule for the message-push Token: 3 to 32 letters or digits.
  WECHAT_TOKEN: { ssm: 'wechat-token', form: pattern(/^[0-9A-Za-z]{3,32}$/, '3 to 32 letters or digits') },
  WECHAT_ENCODING_AES_KEY: { ssm: 'wechat-encoding-aes-key', form: aesKey },
  // Keys the forensic marks, segment names, viewer codes and playlist URLs.
  MARK_SECRET: { ssm: 'mark-secret', form: atLeast(32) },
  // The app security key the rewarded-ad network signs reward callbacks with.
  AD_SECURITY_KEY: { ssm: 'ad-security-key', form: pattern(/^[0-9A-Za-z]{16,64}$/, '16 to 64 letters or digits') },
} satisfies Record<string, { ssm: string; form: Form; pem?: true }>;

export type SecretName = keyof typeof secretSpecs;
export const secretNames = Object.keys(secretSpecs) as SecretName[];

const outsideSandbox = () => (process.env.PLATFORM_MODE ?? 'sandbox') !== 'sandbox';

/** The problems with the named secrets as the environment holds them now (empty: all present and well-formed). */
export function secretProblems(names: readonly SecretName[]): string[] {
  return names.flatMap((name) => {
    const value = process.env[name];
    if (!value) return [`${name} is missing`];
    const problem = secretSpecs[name].form(value);
    return problem ? [`${name} ${problem}`] : [];
  });
}

function check(names: readonly SecretName[]): void {
  const problems = secretProblems(names);
  if (problems.length) throw new Error(`secrets: ${problems.join('; ')}`);
}

/**
 * Declares the secrets a module reads and returns their reader. Outside the sandbox the declaration
 * itself checks them (at module scope that is the function's cold start); the reader checks them
 * once on first use everywhere, so no code path ever runs with an empty or malformed secret.
 */
export function secretsFor<N extends SecretName>(...names: N[]): () => Record<N, string> {
  if (outsideSandbox()) check(names);
  let values: Record<N, string> | undefined;
  return () => {
    if (values) return values;
    check(names);
    values = Object.fromEntries(names.map((n) => [n, 'pem' in secretSpecs[n] ? pem(process.env[n] as string) : (process.env[n] as string)])) as Record<N, string>;
    return values;
  };
}
