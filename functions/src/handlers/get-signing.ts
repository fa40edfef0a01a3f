import { signingView } from '../domain/membership/wechat-signing';
import { json, route } from '../lib/http';
import { signingPorts } from '../wiring/signing-ports';

/** The viewer's WeChat membership subscription: its state and last charge. */
export const handler = route({ auth: 'required' }, async ({ caller }) => json(200, await signingView(caller.userId, signingPorts), { 'cache-control': 'no-store' }));
