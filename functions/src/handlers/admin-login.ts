import { operatorLoginInputSchema } from '@drama/shared/admin';
import { dynamoLoginAttempts } from '../adapters/dynamodb-login-attempts';
import { throttledOperatorLogin } from '../domain/auth/operator';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { clock } from '../lib/ports';

/** Operators sign in with the operator secret and get an operator token (never a viewer's); wrong secrets are throttled per address. */
export const handler = route({ auth: 'none', body: operatorLoginInputSchema }, async ({ body, event }) => {
  const source = event.requestContext?.http?.sourceIp || 'unknown';
  const { operatorSecret, operatorLoginFailures } = config();
  return json(200, await throttledOperatorLogin(body.secret, operatorSecret, source, clock(), dynamoLoginAttempts, operatorLoginFailures), { 'cache-control': 'no-store' });
});
