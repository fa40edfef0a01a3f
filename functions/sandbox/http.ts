import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SandboxError } from './payments';
import type { Route } from './routes-context';

/** The sandbox's HTTP plumbing: reading bodies, JSON replies, and one route table behind one server. */

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const value = JSON.parse(await readBody(req));
    if (!value || typeof value !== 'object') throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new SandboxError(400, 'send a JSON object');
  }
}

export function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
  });
  res.end(JSON.stringify(body));
}

/**
 * Serves a route table keyed `METHOD /path`: CORS preflights answered, unknown routes 404, a thrown
 * SandboxError answered with its status and anything else thrown as a 400.
 */
export function serveRoutes(routes: Record<string, Route>, host: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    if (req.method === 'OPTIONS') return send(res, 204, null);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
    try {
      await handler(req, url, res);
    } catch (error) {
      const status = error instanceof SandboxError ? error.status : 400;
      send(res, status, { code: status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'BAD_REQUEST', message: (error as Error).message });
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

/** Stops listening and drops open keep-alive connections, so a restart can take the port at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
