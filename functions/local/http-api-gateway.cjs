/**
 * Preloaded into serverless-offline (functions/local/stack.ts): its gateway answers as an API Gateway
 * HTTP API does, without compressing responses. Payload compression is a REST API setting
 * (minimumCompressionSize); the HTTP API that serverless.yml declares (`httpApi` events) passes the
 * function's body through as it is. serverless-offline serves both on a Hapi server, which by default
 * gzips every compressible body over 1 KB for a client that accepts it: locally every JSON answer
 * (a scene's PNG frame among them) was compressed and inflated again, work the deployed API never does.
 * test/integration/gateway.test.ts checks the result.
 */
const hapi = require('@hapi/hapi');

const createServer = hapi.Server;

/** A regular function, so that serverless-offline's `new Server(options)` gets the server it returns. */
function uncompressedServer(options) {
  return createServer({ ...options, compression: false });
}

hapi.Server = uncompressedServer;
hapi.server = uncompressedServer;
