import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox platform's identity, made once and kept in DATA_DIR/sandbox (API.md): the Douyin
 * platform and app RSA-2048 key pairs as PEM, and each platform's app settings as JSON. The API is
 * started with the matching public keys and secrets, exactly as it would be configured in production.
 */
export interface DouyinApp {
  appId: string;
  appSecret: string;
  merchantUid: string;
  keyVersion: string;
}
export interface WechatApp {
  appId: string;
  appSecret: string;
  appKey: string;
  offerId: string;
  token: string;
  encodingAESKey: string;
}
export interface SandboxIdentity {
  dir: string;
  douyin: DouyinApp;
  wechat: WechatApp;
  douyinPlatformPrivateKey: string;
  douyinPlatformPublicKey: string;
  douyinAppPrivateKey: string;
  douyinAppPublicKey: string;
}

function pemPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function readOrCreate(path: string, make: () => string): string {
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return readFileSync(path, 'utf8');
}

export function ensureSandboxIdentity(dataDir: string): SandboxIdentity {
  const dir = join(dataDir, 'sandbox');
  mkdirSync(dir, { recursive: true });
  const pairs: Record<'platform' | 'app', { publicKey: string; privateKey: string }> = {} as never;
  for (const who of ['platform', 'app'] as const) {
    const priv = join(dir, `douyin-${who}-private.pem`);
    const pub = join(dir, `douyin-${who}-public.pem`);
    if (!existsSync(priv) || !existsSync(pub)) {
      const pair = pemPair();
      writeFileSync(priv, pair.privateKey, { mode: 0o600 });
      writeFileSync(pub, pair.publicKey);
    }
    pairs[who] = { privateKey: readFileSync(priv, 'utf8'), publicKey: readFileSync(pub, 'utf8') };
  }
  const douyin = JSON.parse(
    readOrCreate(join(dir, 'douyin.json'), () =>
      JSON.stringify(
        {
          appId: `tt${randomBytes(8).toString('hex')}`,
          appSecret: randomBytes(20).toString('hex'),
          merchantUid: String(7_000_000_000 + randomBytes(3).readUIntBE(0, 3)),
          keyVersion: '1',
        } satisfies DouyinApp,
        null,
        2,
      ),
    ),
  ) as DouyinApp;
  const wechat = JSON.parse(
    readOrCreate(join(dir, 'wechat.json'), () =>
      JSON.stringify(
        {
          appId: `wx${randomBytes(8).toString('hex')}`,
          appSecret: randomBytes(16).toString('hex'),
          appKey: randomBytes(16).toString('hex'),
          offerId: String(1_450_000_000 + randomBytes(3).readUIntBE(0, 3)),
          token: randomBytes(12).toString('hex'),
          // 43 characters of base64 without padding: WeChat's EncodingAESKey format.
          encodingAESKey: randomBytes(32).toString('base64').replace(/=+$/, ''),
        } satisfies WechatApp,
        null,
        2,
      ),
    ),
  ) as WechatApp;
  return {
    dir,
    douyin,
    wechat,
    douyinPlatformPrivateKey: pairs.platform.privateKey,
    douyinPlatformPublicKey: pairs.platform.publicKey,
    douyinAppPrivateKey: pairs.app.privateKey,
    douyinAppPublicKey: pairs.app.publicKey,
  };
}
