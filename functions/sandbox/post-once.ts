import { request } from 'node:http';
import { request as requestTls } from 'node:https';

/**
 * A notification POST on a connection of its own. The sandbox runs inside the test runner's process;
 * with fetch its kept-alive sockets to the API would sit in the pool the tests' own fetches share,
 * and a test's POST could pick one the API had meanwhile closed for idling ("other side closed").
 */
export function postOnce(url: string, headers: Record<string, string>, body: string, timeoutMs = 5000): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? requestTls : request;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
