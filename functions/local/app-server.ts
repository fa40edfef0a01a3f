import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Serves the H5 build of the mini-program, plus `/config.js`, which tells the app where the API and
 * the sandbox platform are (so one build serves any ports). Unknown paths fall back to index.html.
 */
export function startAppServer(opts: {
  root: string;
  port: number;
  host: string;
  runtimeConfig: Record<string, string>;
}): Promise<Server> {
  const configJs = `window.__DRAMA_CONFIG__ = ${JSON.stringify(opts.runtimeConfig)};\n`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/config.js') {
      res.writeHead(200, { 'content-type': types['.js'], 'cache-control': 'no-store' });
      return res.end(configJs);
    }
    let file = normalize(join(opts.root, path));
    if (!file.startsWith(opts.root) || !existsSync(file) || statSync(file).isDirectory()) file = join(opts.root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
      return res.end('the H5 app is being built: reload in a moment (npm run build:h5)');
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const immutable = /\.[0-9a-f]{8,}\./.test(file);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve) => server.listen(opts.port, opts.host, () => resolve(server)));
}
