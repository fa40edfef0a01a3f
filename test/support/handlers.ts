import type { Result } from '../../functions/src/lib/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiEvent, bodyOf } from './api-event';

type Handler = (event: APIGatewayProxyEventV2) => Promise<Result>;

/** Loads the real handler modules (after useStackEnv) and signs in through the login handler. */
export async function loadHandlers() {
  const handlers = {
    login: (await import('../../functions/src/handlers/login')).handler as Handler,
    listSeries: (await import('../../functions/src/handlers/list-series')).handler as Handler,
    getSeries: (await import('../../functions/src/handlers/get-series')).handler as Handler,
    play: (await import('../../functions/src/handlers/play')).handler as Handler,
  };
  const signIn = async (code: string, platform = 'sandbox') => {
    const result = await handlers.login(apiEvent({ method: 'POST', path: '/auth/login', body: { platform, code } }));
    if (result.statusCode !== 200) throw new Error(`login failed: ${result.statusCode} ${result.body}`);
    return bodyOf<{ token: string; user: { id: string } }>(result);
  };
  return { ...handlers, signIn };
}
