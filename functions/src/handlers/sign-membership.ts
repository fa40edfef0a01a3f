import { signInputSchema } from '@drama/shared/wechat-signing';
import { startSigning } from '../domain/membership/wechat-signing';
import { json, route } from '../lib/http';
import { signingPorts } from '../wiring/signing-ports';

/** Starts a WeChat membership subscription: what wx.requestSubscribeSign takes. */
export const handler = route({ auth: 'required', body: signInputSchema }, async ({ body, caller }) => json(200, await startSigning(caller.userId, body.plan, signingPorts)));
