import { operatorLoginInputSchema } from '@drama/shared/admin';
import { operatorLogin } from '../domain/auth/operator';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { clock } from '../lib/ports';

/** Operators sign in with the operator secret and get an operator token (never a viewer's). */
export const handler = route({ auth: 'none', body: operatorLoginInputSchema }, async ({ body }) =>
  json(200, operatorLogin(body.secret, config().operatorSecret, clock()), { 'cache-control': 'no-store' }),
);
