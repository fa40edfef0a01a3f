import { loginInputSchema } from '@drama/shared/auth';
import { sessionExchangeFor } from '../adapters/platform/sessions';
import { login } from '../domain/auth/login';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { clock, users } from '../lib/ports';
import { secretsFor } from '../lib/secrets';

const keys = secretsFor('TOKEN_SECRET');

export const handler = route({ auth: 'none', body: loginInputSchema }, async ({ body }) => {
  const output = await login(body, { exchangeFor: sessionExchangeFor, users, tokenSecret: keys().TOKEN_SECRET, tokenTtlS: config().tokenTtlS, now: clock });
  return json(200, output);
});
