import { request } from 'node:http';
import { readStackInfo } from '../support/stack-setup';

/**
 * The local gateway behaves as the deployed API Gateway HTTP API: it passes a function's body through
 * uncompressed whatever the client accepts (payload compression exists only for REST APIs), so local
 * latency figures carry no gzip the deployed API would not do (functions/local/http-api-gateway.cjs).
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
});
