import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A free port for every service of the local stack, so a test stack never meets `npm start`. */
export async function freeStackPorts() {
  const names = ['api', 'apiLambda', 'app', 'sandbox', 'inference', 'dynamodb', 's3', 'media'] as const;
  const ports = {} as Record<(typeof names)[number], number>;
  for (const name of names) ports[name] = await freePort();
  return ports;
}
