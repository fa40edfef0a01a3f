import { request } from 'node:http';

/**
 * One HTTP request on a connection of its own (no keep-alive). The stack starts inside the test
 * runner's process, where a socket left in fetch's shared pool would be reused by a test after the
 * server had closed it for idling ("other side closed" on a POST, which fetch does not retry).
 */
export function requestOnce(url: string, init: { method: string; body?: string; headers?: Record<string, string>; timeoutMs?: number }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: { 'content-type': 'application/json', ...init.headers }, agent: false, timeout: init.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${init.method} ${url}: timed out`)));
    req.on('error', reject);
    req.end(init.body);
  });
}
