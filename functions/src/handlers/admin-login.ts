import { operatorLoginInputSchema } from '@drama/shared/admin';
import { throttledOperatorLogin } from '../domain/auth/operator';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { secretsFor } from '../lib/secrets';
import { loginAttempts } from '../wiring/operator-ports';
import { clock } from '../wiring/ports';

const keys = secretsFor('OPERATOR_SECRET');

/** Operators sign in with the operator secret and get an operator token (never a viewer's); wrong secrets are throttled per address. */
export const handler = route({ auth: 'none', body: operatorLoginInputSchema }, async ({ body, event }) => {
  const source = event.requestContext?.http?.sourceIp || 'unknown';
  return json(200, await throttledOperatorLogin(body.secret, keys().OPERATOR_SECRET, source, clock(), loginAttempts, config().operatorLoginFailures), { 'cache-control': 'no-store' });
});
