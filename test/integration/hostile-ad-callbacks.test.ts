import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '@drama/shared/calendar';
import { tableDocuments } from '../support/fixtures';
import { apiClient, call, type Reply } from '../support/http';
import { useStackEnv } from '../support/use-stack-env';

/**
 * Hostile ad-network callbacks, one row each (the shape of the payment notifications' hostile
 * table): every row is a request an attacker can make, and none of them may unlock anything. The
 * callback is signed Pangle-style, sign = hex SHA-256("<app security key>:<trans_id>"), written
 * here independently of the API's code.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const key = stack.apiEnv.AD_SECURITY_KEY;
const sign = (transId: string, securityKey = key) => createHash('sha256').update(`${securityKey}:${transId}`).digest('hex');
const callback = (body: Record<string, unknown>, opts: { path?: string; method?: string; headers?: Record<string, string> } = {}) =>
  call(stack.urls.API, opts.path ?? '/ads/callback', { method: opts.method ?? 'POST', raw: JSON.stringify(body), headers: opts.headers });
const uniqueTrans = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

interface Context {
  /** A fresh ticket of the victim's, for a locked episode. */
  ticket: () => Promise<string>;
  victim: { token: string; user: { id: string } };
  other: { token: string; user: { id: string } };
}

/**
 * name → the hostile request, and the status it must get: a 4xx with the contract's {code, message},
 * or for a route that does not exist the gateway's own 404 (`gateway`).
 */
const rows: Array<{ name: string; status: number; gateway?: boolean; send: (c: Context) => Promise<Reply> }> = [
  {
    name: 'forged sign (another key)',
    status: 401,
    send: async (c) => {
      const trans = uniqueTrans('forged');
      return callback({ trans_id: trans, user_id: c.victim.user.id, extra: await c.ticket(), sign: sign(trans, 'not-the-security-key') });
    },
  },
  {
    name: "a valid sign over another trans_id",
    status: 401,
    send: async (c) => callback({ trans_id: uniqueTrans('tampered'), user_id: c.victim.user.id, extra: await c.ticket(), sign: sign(uniqueTrans('signed')) }),
  },
  {
    name: 'no sign',
    status: 400,
    send: async (c) => callback({ trans_id: uniqueTrans('unsigned'), user_id: c.victim.user.id, extra: await c.ticket() }),
  },
  {
    name: "the viewer's session token instead of a sign",
    status: 400,
    send: async (c) => callback({ trans_id: uniqueTrans('token'), user_id: c.victim.user.id, extra: await c.ticket() }, { headers: { authorization: `Bearer ${c.victim.token}` } }),
  },
  {
    name: 'replayed: a transaction that redeemed one ticket, pointed at another',
    status: 409,
    send: async (c) => {
      const trans = uniqueTrans('replayed');
      const spent = await (async () => {
        // The other viewer's genuine view redeems their own ticket with this transaction...
        const ticket = await api('/ads/unlocks', { body: { seriesId: series.id, episode: series.freeEpisodes + 1 }, token: c.other.token });
        const first = await callback({ trans_id: trans, user_id: c.other.user.id, extra: ticket.body.ticketId, sign: sign(trans) });
        expect(first.status).toBe(200);
        return trans;
      })();
      // ...and the captured callback is sent again for the victim's ticket.
      return callback({ trans_id: spent, user_id: c.victim.user.id, extra: await c.ticket(), sign: sign(spent) });
    },
  },
  {
    name: "another viewer's user_id on the victim's ticket",
    status: 403,
    send: async (c) => {
      const trans = uniqueTrans('other-viewer');
      return callback({ trans_id: trans, user_id: c.other.user.id, extra: await c.ticket(), sign: sign(trans) });
    },
  },
  {
    name: 'an expired ticket',
    status: 409,
    send: async (c) => {
      const ticketId = await c.ticket();
      // Issued long enough ago to have expired: the ticket and its slot on the viewer's daily counter.
      const past = new Date(Date.now() - 1000).toISOString();
      const documents = tableDocuments(stack);
      await documents.send(
        new UpdateCommand({ TableName: stack.tableName, Key: { pk: `ADTICKET#${ticketId}`, sk: 'TICKET' }, UpdateExpression: 'SET expiresAt = :past', ExpressionAttributeValues: { ':past': past } }),
      );
      await documents.send(
        new UpdateCommand({
          TableName: stack.tableName,
          Key: { pk: `USER#${c.victim.user.id}`, sk: `ADCAP#${shanghaiDate(new Date())}#${series.id}` },
          UpdateExpression: 'SET #slot.expiresAt = :past',
          ExpressionAttributeNames: { '#slot': `open_${series.freeEpisodes + 1}` },
          ExpressionAttributeValues: { ':past': past },
        }),
      );
      documents.destroy();
      const trans = uniqueTrans('expired');
      return callback({ trans_id: trans, user_id: c.victim.user.id, extra: ticketId, sign: sign(trans) });
    },
  },
  {
    name: 'an unknown ticket',
    status: 404,
    send: async (c) => {
      const trans = uniqueTrans('unknown');
      return callback({ trans_id: trans, user_id: c.victim.user.id, extra: `at_${'0'.repeat(32)}`, sign: sign(trans) });
    },
  },
  {
    name: 'wrong route: the signed callback sent to the payment notification',
    status: 401,
    send: async (c) => {
      const trans = uniqueTrans('wrong-route');
      return callback({ trans_id: trans, user_id: c.victim.user.id, extra: await c.ticket(), sign: sign(trans) }, { path: '/pay/douyin/notify' });
    },
  },
  {
    name: 'wrong route: GET with the fields in the query (Pangle’s own method)',
    status: 404,
    gateway: true,
    send: async (c) => {
      const trans = uniqueTrans('get');
      const query = new URLSearchParams({ trans_id: trans, user_id: c.victim.user.id, extra: await c.ticket(), sign: sign(trans) });
      return call(stack.urls.API, `/ads/callback?${query}`);
    },
  },
  {
    name: "wrong route: the client-completion path with another viewer's token",
    status: 404,
    send: async (c) => api(`/ads/unlocks/${await c.ticket()}/complete`, { body: {}, token: c.other.token }),
  },
];

let series: { id: string; freeEpisodes: number };
let context: Context;
beforeAll(async () => {
  series = (await api('/series')).body.items[0];
  const victim = await signIn('hostile-ad-victim');
  const other = await signIn('hostile-ad-other');
  const episode = series.freeEpisodes + 1;
  context = {
    victim,
    other,
    // The same episode's open ticket comes back until it expires; an expired one is replaced.
    ticket: async () => {
      const ticket = await api('/ads/unlocks', { body: { seriesId: series.id, episode }, token: victim.token });
      expect(ticket.status).toBe(201);
      return ticket.body.ticketId as string;
    },
  };
});

describe('hostile ad callbacks', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s: refused, nothing unlocked', async (_name, row) => {
    const reply = await row.send(context);
    expect([row.name, reply.status]).toEqual([row.name, row.status]);
    if (!row.gateway) expect(reply.body).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    expect((await api('/play', { body: { seriesId: series.id, episode: series.freeEpisodes + 1 }, token: context.victim.token })).status).toBe(402);
  });

  it('a genuine callback delivered twice grants once; afterwards nothing else redeems the ticket', async () => {
    const ticketId = await context.ticket();
    const trans = uniqueTrans('genuine');
    const body = { trans_id: trans, user_id: context.victim.user.id, extra: ticketId, sign: sign(trans) };
    const replies = await Promise.all([callback(body), callback(body), callback(body)]);
    expect(replies.map((r) => [r.status, r.body])).toEqual(Array(3).fill([200, { isValid: true }]));
    const other = uniqueTrans('second-view');
    expect((await callback({ ...body, trans_id: other, sign: sign(other) })).status).toBe(409);
    const rows = (await api('/me/ledger', { token: context.victim.token })).body.items.filter((r: { reason: string }) => r.reason === 'ad');
    expect(rows).toHaveLength(1);
  });
});
