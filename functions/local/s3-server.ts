import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { StackSettings } from './settings';
// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/** s3rver, the local S3 API, persisted under DATA_DIR/s3. Only the media gate faces viewers. */
export async function startS3(s: StackSettings): Promise<{ close(): Promise<void> }> {
  const directory = join(s.dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: s.host, port: s.ports.s3, directory, silent: true });
  await server.run();
  const http: Server = server.httpServer;
  return {
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        // Keep-alive sockets from SDK clients would hold close() open.
        http.closeAllConnections();
      }),
  };
}
