/**
 * Preloaded into serverless-offline (functions/local/stack.ts): its gateway answers as an API Gateway
 * HTTP API does, without compressing responses. Payload compression is a REST API setting
 * (minimumCompressionSize); the HTTP API that serverless.yml declares (`httpApi` events) passes the
 * function's body through as it is. serverless-offline serves both on a Hapi server, which by default
 * gzips every compressible body over 1 KB for a client that accepts it: locally every JSON answer
 * (a scene's PNG frame among them) was compressed and inflated again, work the deployed API never does.
 * It also hands the function duplicated headers as an HTTP API does (payload format 2.0: "duplicate
 * headers are combined with commas"): serverless-offline builds the event's headers from the raw
 * header list keeping only the last copy, which would hide a duplicated signature header from the
 * payment notification checks. test/integration/gateway.test.ts checks both.
 */
const hapi = require('@hapi/hapi');

const createServer = hapi.Server;

/** The raw header list with every repeated name (case-insensitively) folded into its first copy, values joined by ", ". */
function joinDuplicates(rawHeaders) {
  const out = [];
  const at = new Map();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (at.has(name)) out[at.get(name)] += `, ${rawHeaders[i + 1]}`;
    else {
      at.set(name, out.length + 1);
      out.push(rawHeaders[i], rawHeaders[i + 1]);
    }
  }
  return out;
}

/** A regular function, so that serverless-offline's `new Server(options)` gets the server it returns. */
function uncompressedServer(options) {
  const server = createServer({ ...options, compression: false });
  server.ext('onRequest', (request, h) => {
    request.raw.req.rawHeaders = joinDuplicates(request.raw.req.rawHeaders);
    return h.continue;
  });
  return server;
}

hapi.Server = uncompressedServer;
hapi.server = uncompressedServer;
