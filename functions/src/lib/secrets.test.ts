import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { secretProblems, secretSpecs, type SecretName } from './secrets';

/** What each secret looks like when it is right (the sandbox platform generates the same forms). */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const good: Record<SecretName, string> = {
  TOKEN_SECRET: randomBytes(32).toString('hex'),
  OPERATOR_SECRET: randomBytes(32).toString('hex'),
  DOUYIN_APP_ID: `tt${randomBytes(8).toString('hex')}`,
  DOUYIN_APP_SECRET: randomBytes(20).toString('hex'),
  DOUYIN_MERCHANT_UID: '7012345678',
  DOUYIN_APP_PRIVATE_KEY: keys.privateKey.replace(/\n/g, '\\n'),
  DOUYIN_PLATFORM_PUBLIC_KEY: keys.publicKey,
  WECHAT_APP_ID: `wx${randomBytes(8).toString('hex')}`,
  WECHAT_APP_SECRET: randomBytes(16).toString('hex'),
  WECHAT_APP_KEY: randomBytes(16).toString('hex'),
  WECHAT_OFFER_ID: '1450012345',
  WECHAT_TOKEN: randomBytes(12).toString('hex'),
  WECHAT_ENCODING_AES_KEY: randomBytes(32).toString('base64').replace(/=+$/, ''),
  AD_SECURITY_KEY: randomBytes(16).toString('hex'),
  MARK_SECRET: randomBytes(32).toString('hex'),
};
const names = Object.keys(secretSpecs) as SecretName[];

function withEnv<T>(env: Record<string, string>, run: () => T): T {
  const saved = process.env;
  process.env = { ...env };
  try {
    return run();
  } finally {
    process.env = saved;
  }
}

function declare(env: Record<string, string>, ...declared: SecretName[]): () => Record<string, string> {
  return withEnv(env, () => {
    let reader: () => Record<string, string> = () => ({});
    jest.isolateModules(() => {
      reader = (require('./secrets') as typeof import('./secrets')).secretsFor(...declared);
    });
    return reader;
  });
}

describe('secrets', () => {
  it('accepts each secret in its form and refuses empty, short or malformed ones by name', () => {
    expect(withEnv(good, () => secretProblems(names))).toEqual([]);
    const bad: Partial<Record<SecretName, string[]>> = {
      TOKEN_SECRET: ['short'],
      WECHAT_TOKEN: ['ab', 'has space', 'x'.repeat(33)],
      WECHAT_ENCODING_AES_KEY: ['x'.repeat(42), `${good.WECHAT_ENCODING_AES_KEY}=`, `${'!'.repeat(43)}`],
      DOUYIN_APP_PRIVATE_KEY: ['-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----', keys.publicKey],
      DOUYIN_PLATFORM_PUBLIC_KEY: ['not a key'],
      WECHAT_APP_ID: ['wx123'],
      DOUYIN_APP_ID: ['tt'],
    };
    for (const name of names) {
      for (const value of ['', ...(bad[name] ?? [])]) {
        const problems = withEnv({ ...good, [name]: value }, () => secretProblems(names));
        expect([name, value, problems.length === 1 && problems[0].startsWith(`${name} `)]).toEqual([name, value, true]);
      }
    }
  });

  it('stops a module at its declaration outside the sandbox, and at first use inside it', () => {
    const live = { ...good, PLATFORM_MODE: 'live', WECHAT_TOKEN: '' };
    expect(() => declare(live, 'WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY')).toThrow('WECHAT_TOKEN is missing');
    expect(() => declare({ ...live, WECHAT_ENCODING_AES_KEY: 'short' }, 'WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY')).toThrow(/WECHAT_TOKEN is missing; WECHAT_ENCODING_AES_KEY must be/);
    // A module that does not declare it is not stopped by it.
    expect(() => declare(live, 'TOKEN_SECRET')).not.toThrow();
    // In the sandbox the declaration waits; the first read still refuses to run on an empty value.
    const read = declare({ ...good, PLATFORM_MODE: 'sandbox', WECHAT_TOKEN: '' }, 'WECHAT_TOKEN');
    expect(() => withEnv({ ...good, WECHAT_TOKEN: '' }, read)).toThrow('WECHAT_TOKEN is missing');
    expect(withEnv(good, declare(good, 'DOUYIN_APP_PRIVATE_KEY', 'WECHAT_TOKEN'))).toEqual({ DOUYIN_APP_PRIVATE_KEY: keys.privateKey, WECHAT_TOKEN: good.WECHAT_TOKEN });
  });
});
