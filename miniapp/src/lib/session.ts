import Taro from '@tarojs/taro';
import type { LoginInput, LoginOutput, Platform } from '@drama/shared/auth';
import { randomHex } from './random-id';

/**
 * Who the user is: a platform login exchanged for our token, kept in Taro storage until it expires.
 *
 * H5 has no platform login, so it plays the sandbox: a random code made once and kept in storage is
 * the user's identity there (the sandbox maps the same code to the same user, API.md "Auth").
 * The request itself is passed in (api-client owns the transport), so this module stays transport-free.
 */
export interface Session {
  token: string;
  expiresAt: string;
  userId: string;
}

export type LoginRequest = (input: LoginInput) => Promise<LoginOutput>;

const sessionKey = 'drama.session';
const sandboxCodeKey = 'drama.sandboxCode';
/** Renew a little early so a token never expires between the check and the request. */
const renewMarginMs = 60_000;

let inFlight: Promise<Session> | null = null;

export function storedSession(): Session | null {
  const s = Taro.getStorageSync(sessionKey) as Session | '' | undefined;
  if (!s || typeof s !== 'object' || !s.token) return null;
  return Date.parse(s.expiresAt) - Date.now() > renewMarginMs ? s : null;
}

/** The current session, logging in first when there is none (concurrent callers share one login). */
export function ensureSession(login: LoginRequest): Promise<Session> {
  const s = storedSession();
  return s ? Promise.resolve(s) : renewSession(login);
}

/** Logs in again even if a token is stored (the API answered 401). */
export function renewSession(login: LoginRequest): Promise<Session> {
  if (!inFlight) {
    inFlight = (async () => {
      const out = await login(await platformLogin());
      const session: Session = { token: out.token, expiresAt: out.expiresAt, userId: out.user.id };
      Taro.setStorageSync(sessionKey, session);
      return session;
    })().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

/** Which platform this build talks to: login and payment both go through it. */
export function appPlatform(): Platform {
  if (process.env.TARO_ENV === 'h5') return 'sandbox';
  return process.env.TARO_ENV === 'tt' ? 'douyin' : 'wechat';
}

async function platformLogin(): Promise<LoginInput> {
  const platform = appPlatform();
  if (platform === 'sandbox') return { platform, code: sandboxCode() };
  const { code } = await Taro.login();
  return { platform, code };
}

/**
 * The H5 sandbox's login code, made once and kept in storage: the sandbox platform knows this
 * browser's account by it (its openids come from it), so the sandbox inbox is asked by it too.
 */
export function sandboxCode(): string {
  const existing = Taro.getStorageSync(sandboxCodeKey) as string | '';
  if (existing) return existing;
  const code = `h5-${randomHex(16)}`;
  Taro.setStorageSync(sandboxCodeKey, code);
  return code;
}
