import type { LoginInput, LoginOutput } from '@drama/shared/auth';
import { userIdFor } from '@drama/shared/user-id';
import { issueToken } from './token';

/** A platform's code2session: turns a login code into the user's stable per-app id. */
export interface SessionExchange {
  exchange(code: string): Promise<{ openId: string; unionId?: string; sessionKey?: string }>;
}

export interface UserWriter {
  /** Records the user on first sign-in; later sign-ins only refresh the session key. */
  upsertUser(user: { userId: string; platform: string; openId: string; sessionKey?: string }, now: Date): Promise<void>;
}

export interface LoginPorts {
  exchangeFor(platform: LoginInput['platform']): SessionExchange;
  users: UserWriter;
  tokenSecret: string;
  tokenTtlS: number;
  now: () => Date;
}

export async function login(input: LoginInput, ports: LoginPorts): Promise<LoginOutput> {
  const session = await ports.exchangeFor(input.platform).exchange(input.code);
  const userId = userIdFor(input.platform, session.openId);
  const now = ports.now();
  await ports.users.upsertUser({ userId, platform: input.platform, openId: session.openId, sessionKey: session.sessionKey }, now);
  const { token, expiresAt } = issueToken(userId, ports.tokenSecret, now, ports.tokenTtlS, input.platform);
  return { token, expiresAt: expiresAt.toISOString(), user: { id: userId } };
}
