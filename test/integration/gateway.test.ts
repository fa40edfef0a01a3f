import { request } from 'node:http';
import { apiClient } from '../support/http';
import { readStackInfo } from '../support/stack-setup';

/**
 * The local gateway behaves as the deployed API Gateway HTTP API: it passes a function's body through
 * uncompressed whatever the client accepts (payload compression exists only for REST APIs), so local
 * latency figures carry no gzip the deployed API would not do, and it hands a function a repeated
 * header as one value joined by commas, as payload format 2.0 does (functions/local/http-api-gateway.cjs).
 */
const stack = readStackInfo('integration');

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the local HTTP API gateway', () => {
  it('answers a client that accepts gzip with the function\'s body as it is', async () => {
    const { headers, body } = await rawGet(`${stack.urls.API}/series`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(body.length).toBeGreaterThan(1024); // large enough for Hapi's default compression (1 KB)
    expect(headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(body.toString('utf8')).items.length).toBeGreaterThan(0);
  });

  it('joins a repeated header into one comma-separated value, as the deployed HTTP API does', async () => {
    const { signIn } = apiClient(stack.urls.API);
    const { token } = await signIn('gateway-repeat');
    const url = new URL(`${stack.urls.API}/me/wallet`);
    const once = await new Promise<number>((resolve, reject) =>
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: ['host', url.host, 'authorization', `Bearer ${token}`] }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end(),
    );
    expect(once).toBe(200);
    // Two Authorization lines reach the function as "Bearer t, Bearer t", which is no bearer token.
    const twice = await new Promise<number>((resolve, reject) =>
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: ['host', url.host, 'authorization', `Bearer ${token}`, 'Authorization', `Bearer ${token}`] }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end(),
    );
    expect(twice).toBe(401);
  });
});
