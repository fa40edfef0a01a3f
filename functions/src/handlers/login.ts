import { loginInputSchema } from '@drama/shared/auth';
import { login } from '../domain/auth/login';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { secretsFor } from '../lib/secrets';
import { sessionExchange } from '../wiring/login-ports';
import { clock, users } from '../wiring/ports';

const keys = secretsFor('TOKEN_SECRET');

export const handler = route({ auth: 'none', body: loginInputSchema }, async ({ body }) => {
  const output = await login(body, { exchangeFor: sessionExchange, users, tokenSecret: keys().TOKEN_SECRET, tokenTtlS: config().tokenTtlS, now: clock });
  return json(200, output);
});
