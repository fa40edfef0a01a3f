import { createHmac, generateKeyPairSync } from 'node:crypto';

/** What the functions' logger prints, captured at the process's stdout/stderr (as CloudWatch sees it). */
async function captureLogs(run: (logger: typeof import('./logger').logger) => void): Promise<string> {
  const { logger } = await import('./logger');
  const lines: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    run(logger);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.join('');
}

const tokenSecret = 'local-token-secret-0123456789abcdef0123456789';
const wechatKey = 'wechat-app-key-9f8e7d6c5b4a';
const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const jwt = (() => {
  const body = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"u_1","iat":1,"exp":2}').toString('base64url')}`;
  return `${body}.${createHmac('sha256', tokenSecret).update(body).digest('base64url')}`;
})();

beforeAll(() => {
  process.env.TOKEN_SECRET = tokenSecret;
  process.env.WECHAT_APP_KEY = wechatKey;
  process.env.DOUYIN_APP_PRIVATE_KEY = privateKey;
  process.env.LOG_LEVEL = 'DEBUG';
});

describe('logger', () => {
  it('masks authorization headers, tokens, keys and configured secrets wherever they appear', async () => {
    const output = await captureLogs((logger) => {
      logger.info('request', {
        headers: { Authorization: `Bearer ${jwt}`, Cookie: `session=${jwt}`, 'content-type': 'application/json' },
        body: { code: 'login-code-123', platform: 'sandbox', paySig: 'abcdef0123456789', byteAuthorization: 'SHA256-RSA2048 appid=x,signature=y' },
        nested: [{ deeper: { appSecret: 'app-secret-value', note: `echoing ${tokenSecret} and ${wechatKey}` } }],
        url: 'http://127.0.0.1:4569/drama-media/media/s/ep-001.mp4?X-Amz-Credential=S3RVER%2F20261130&X-Amz-Signature=0123abcd&viewer=u_1',
      });
      logger.warn(`refused Bearer ${jwt} for user u_1`);
      logger.error('signing failed', { error: new Error(`bad key ${privateKey}`), key: privateKey });
      logger.debug('raw token in text', { text: `token=${jwt}` });
    });
    for (const secret of [jwt, tokenSecret, wechatKey, 'login-code-123', 'abcdef0123456789', 'app-secret-value', '0123abcd', 'S3RVER%2F20261130', 'BEGIN PRIVATE KEY', privateKey.split('\n')[1]]) {
      expect(output).not.toContain(secret);
    }
    // The rest of the line is still there: redaction is targeted, not a blank log.
    const lines = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: 'request', service: 'drama-api', headers: { Authorization: '***', 'content-type': 'application/json' }, body: { platform: 'sandbox', code: '***' } });
    expect(lines[0].url).toContain('viewer=u_1');
    expect(lines[0].nested[0].deeper.note).toBe('echoing *** and ***');
    expect(lines[1].message).toBe('refused Bearer *** for user u_1');
    expect(lines[2].error).toMatchObject({ name: 'Error', message: 'bad key ***' });
  });

  it('survives cyclic and deep attributes', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { token: 'deep-secret-token' };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const output = await captureLogs((logger) => logger.info('odd shapes', { cyclic, deep }));
    expect(output).toContain('odd shapes');
    expect(output).not.toContain('deep-secret-token');
  });
});

describe('request id on every line', () => {
  /** Lines printed while `run` is awaited, parsed. */
  async function linesOf(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => (lines.push(String(chunk)), true);
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      await run();
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    return lines.join('').trim().split('\n').map((l) => JSON.parse(l));
  }

  it('tags what a handler logs, and its unhandled error, with the Lambda request id', async () => {
    const { route, json } = await import('./http');
    const { logger } = await import('./logger');
    const { apiEvent } = await import('../../../test/support/api-event');
    const handler = route({ auth: 'none' }, async ({ event }) => {
      logger.info('inside the handler');
      if (event.rawPath === '/fail') throw new Error('boom');
      return json(200, { ok: true });
    });
    const context = { awsRequestId: 'lambda-req-1', functionName: 'probe', invokedFunctionArn: 'arn:aws:lambda:local:0:function:probe', memoryLimitInMB: '1024' } as unknown as import('aws-lambda').Context;

    const ok = await linesOf(() => handler(apiEvent({ method: 'GET', path: '/ok' }), context));
    const failed = await linesOf(() => handler(apiEvent({ method: 'GET', path: '/fail' }), { ...context, awsRequestId: 'lambda-req-2' }));
    // Invoked without a Lambda context (tests call handlers directly): API Gateway's id, never the last request's.
    const event = apiEvent({ method: 'GET', path: '/ok' });
    const direct = await linesOf(() => handler(event));

    expect(ok.map((l) => [l.message, l.function_request_id])).toEqual([['inside the handler', 'lambda-req-1']]);
    expect(ok[0]).toMatchObject({ function_name: 'probe' });
    expect(failed.map((l) => [l.message, l.function_request_id])).toEqual([
      ['inside the handler', 'lambda-req-2'],
      ['unhandled error', 'lambda-req-2'],
    ]);
    expect(direct.map((l) => l.function_request_id)).toEqual([event.requestContext.requestId]);
  });

  it('tags what a scheduled or async job logs with its request id, a fresh one per run without a context', async () => {
    const { job } = await import('./job');
    const { logger } = await import('./logger');
    const handler = job(async (event: { n: number } | undefined) => {
      logger.info('inside the job', { n: event?.n });
      return event?.n;
    });
    const context = { awsRequestId: 'lambda-job-1', functionName: 'sweep', invokedFunctionArn: 'arn:aws:lambda:local:0:function:sweep', memoryLimitInMB: '1024' } as unknown as import('aws-lambda').Context;

    const scheduled = await linesOf(() => handler({ n: 1 }, context));
    const first = await linesOf(() => handler());
    const second = await linesOf(() => handler());

    expect(scheduled.map((l) => [l.message, l.function_request_id])).toEqual([['inside the job', 'lambda-job-1']]);
    expect(first[0].function_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second[0].function_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set([first[0].function_request_id, second[0].function_request_id, 'lambda-job-1']).size).toBe(3);
  });
});
