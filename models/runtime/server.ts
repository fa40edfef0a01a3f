// The inference server, in the SageMaker container contract
// (https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html):
// `GET /ping` is 200 once the sessions are loaded, `POST /invocations` takes one JSON body of
// shared/src/scenes.ts and answers it. Stateless: a scene's history travels in each request.
//
// One request is computed at a time (the model already uses the cores it is given), the others wait
// in a bounded queue (429 when full). Each request has a time limit, queue wait included (504); a step
// past it stops at the next MaskGIT step. Errors are `{code, message}` with the status of
// `sceneErrorStatus`; unknown errors are logged and answered as INTERNAL, never echoed.
//
//   npx tsx models/runtime/server.ts          (the Docker image runs the bundle with `serve`)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setPriority } from 'node:os';
import { defaultPorts } from '@drama/shared/config';
import {
  pressThrough,
  sceneErrorStatus,
  sceneFrameSize,
  sceneInvocationSchema,
  sceneMaxRequestBytes,
  type EncodeSceneInput,
  type EncodeSceneOutput,
  type SceneErrorCode,
  type SceneFrame,
  type StepSceneInput,
  type StepSceneOutput,
} from '@drama/shared/scenes';
import { runtimeOptionsFromEnv, type RuntimeOptions } from './artifacts';
import { cropResample, pngDataUrl } from './image';
import { WorldModel } from './world';

export interface InferenceServerOptions {
  port?: number; // 0 picks a free port
  host?: string;
  /** per request, queue wait included */
  timeoutMs?: number;
  /** requests that may wait while one is computed; one more is answered 429 */
  queueLimit?: number;
  maxBodyBytes?: number;
  /** where and how to load the sessions (default: from the environment) */
  runtime?: RuntimeOptions;
  /** an already loaded model, shared instead of loading another (tests, benchmarks) */
  model?: WorldModel;
}

export interface InferenceServer {
  url: string;
  /** settles when the sessions are loaded (or failed to load: /ping then says why) */
  ready: Promise<void>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly code: SceneErrorCode, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

function sendError(res: ServerResponse, err: HttpError, headers?: Record<string, string>): void {
  send(res, sceneErrorStatus[err.code], { code: err.code, message: err.message }, headers);
}

/** Reads the body up to `limit` bytes; a larger one is drained (up to 4× the limit, so the client
 *  gets to read the answer) and refused with 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new HttpError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
    if (declared > 4 * limit) return reject(tooLarge()); // not worth draining: answer and close
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > 4 * limit) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('close', () => req.complete || reject(tooLarge())); // destroyed above, or the client went away
    req.on('error', reject);
  });
}

function parseInvocation(req: IncomingMessage, body: Buffer) {
  const type = req.headers['content-type'];
  if (type && !/^application\/json\b/i.test(type)) throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `send application/json, not ${type}`);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError('BAD_REQUEST', 'the body is not JSON');
  }
  const parsed = sceneInvocationSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new HttpError('BAD_REQUEST', issues.join('; '));
  }
  return parsed.data;
}

function frameOf(rgb: Uint8Array): SceneFrame {
  const S = sceneFrameSize;
  return { width: S, height: S, rgb: Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength).toString('base64'), png: pngDataUrl(rgb, S, S) };
}

async function encodeScene(model: WorldModel, input: EncodeSceneInput): Promise<EncodeSceneOutput> {
  const { width, height, rgb } = input.image;
  const frame = cropResample(Buffer.from(rgb, 'base64'), width, height, model.config.frameSize);
  const tokens = await model.encode(frame);
  const [recon] = await model.decode([tokens]);
  return { tokens: Array.from(tokens), frame: frameOf(recon), controls: model.config.controls, reach: model.config.reach };
}

async function stepScene(model: WorldModel, input: StepSceneInput, signal: AbortSignal): Promise<StepSceneOutput> {
  const next = await model.step(input.tokens, input.actions, {
    seed: input.seed,
    steps: input.steps,
    temperature: input.temperature, // the model's own (sceneDefaultTemperature) unless the request says otherwise
    signal,
  });
  signal.throwIfAborted();
  const { memory } = input;
  const name = (action: number) => model.config.controls.find((c) => c.action === action)?.name;
  const shown = memory ? input.actions.map((action, b) => pressThrough(memory, name(action), next[b]).tokens) : next.map((t) => Array.from(t));
  const frames = await model.decode(shown);
  return { branches: input.actions.map((action, b) => ({ action, tokens: shown[b], frame: frameOf(frames[b]) })) };
}

/** One job computed at a time; at most `limit` wait. A job whose signal aborts while waiting leaves the queue. */
class Queue {
  private waiting: { start: () => void; signal: AbortSignal }[] = [];
  private busy = false;

  constructor(private readonly limit: number) {}

  async run<T>(signal: AbortSignal, job: () => Promise<T>): Promise<T> {
    if (this.busy) {
      if (this.waiting.length >= this.limit) throw new HttpError('BUSY', 'the model is busy: retry shortly');
      await new Promise<void>((start, reject) => {
        const entry = { start, signal };
        this.waiting.push(entry);
        signal.addEventListener('abort', () => {
          this.waiting = this.waiting.filter((e) => e !== entry);
          reject(signal.reason);
        }, { once: true });
      });
    }
    this.busy = true;
    try {
      return await job();
    } finally {
      this.busy = false;
      const next = this.waiting.shift();
      if (next) next.start();
    }
  }
}

export async function startInferenceServer(opts: InferenceServerOptions = {}): Promise<InferenceServer> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const maxBodyBytes = opts.maxBodyBytes ?? sceneMaxRequestBytes;
  const queue = new Queue(opts.queueLimit ?? 4);
  let model: WorldModel | undefined = opts.model;
  let loadError: Error | undefined;
  const ready = model
    ? Promise.resolve()
    : WorldModel.load(opts.runtime ?? runtimeOptionsFromEnv()).then(
        (m) => { model = m; },
        (err: Error) => { loadError = err; throw err; },
      );
  ready.catch(() => undefined); // reported by /ping and by whoever awaits `ready`

  const notReady = () => new HttpError('NOT_READY', loadError ? `the model failed to load: ${loadError.message}` : 'the model is loading');

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxBodyBytes);
    const input = parseInvocation(req, body);
    const m = model;
    if (!m) throw notReady();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new HttpError('TIMEOUT', `no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const work = queue.run<EncodeSceneOutput | StepSceneOutput>(timer.signal, () =>
        input.op === 'encode' ? encodeScene(m, input) : stepScene(m, input, timer.signal),
      );
      work.catch(() => undefined); // the race below reports it; a late failure after a timeout is expected
      // answer at the deadline even if a step is mid-way; the step itself stops at its next check
      const aborted = new Promise<never>((_, reject) => {
        if (timer.signal.aborted) reject(timer.signal.reason);
        timer.signal.addEventListener('abort', () => reject(timer.signal.reason), { once: true });
      });
      send(res, 200, await Promise.race([work, aborted]));
    } finally {
      clearTimeout(timeout);
    }
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (req.method === 'GET' && path === '/ping') {
        if (!model) throw notReady();
        return send(res, 200, { status: 'ok' });
      }
      if (req.method === 'POST' && path === '/invocations') return invoke(req, res);
      throw new HttpError('NOT_FOUND', `${req.method} ${path} is not served: GET /ping, POST /invocations`);
    };
    handle().catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) {
        // a body we did not read whole: close the connection rather than parse the rest as a request
        return sendError(res, err, err.code === 'PAYLOAD_TOO_LARGE' ? { connection: 'close' } : undefined);
      }
      console.error(JSON.stringify({ level: 'error', msg: 'invocation failed', path, error: String((err as Error)?.stack ?? err) }));
      sendError(res, new HttpError('INTERNAL', 'internal error'));
    });
  });
  server.requestTimeout = Math.max(30_000, 2 * timeoutMs); // a client that sends its body too slowly

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? defaultPorts.INFERENCE, opts.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    ready,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${raw}`);
  return n;
}

/** Environment, checked once: INFERENCE_PORT, INFERENCE_HOST, INFERENCE_TIMEOUT_MS, INFERENCE_QUEUE (INFERENCE_NICE in main),
 *  and WORLD_ARTIFACTS, WORLD_EP, WORLD_THREADS (artifacts.ts). */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): InferenceServerOptions {
  return {
    port: positiveInt(env, 'INFERENCE_PORT', defaultPorts.INFERENCE, 0),
    host: env.INFERENCE_HOST || '127.0.0.1',
    timeoutMs: positiveInt(env, 'INFERENCE_TIMEOUT_MS', 5000),
    queueLimit: positiveInt(env, 'INFERENCE_QUEUE', 4, 0),
    runtime: runtimeOptionsFromEnv(env),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 1 || (args.length === 1 && args[0] !== 'serve')) {
    console.error('usage: server [serve]   (SageMaker starts the image with `serve`)');
    process.exit(2);
  }
  const opts = serverOptionsFromEnv();
  // Locally the server shares the CPU with the API it stands in a GPU endpoint for: a batch computed
  // ahead of the viewer's next press must not slow the press being answered (INFERENCE_NICE=10).
  if (process.env.INFERENCE_NICE) setPriority(positiveInt(process.env, 'INFERENCE_NICE', 0, 0));
  const server = await startInferenceServer(opts);
  console.log(`INFERENCE ${server.url}   loading ${opts.runtime?.dir} (${opts.runtime?.ep})`);
  try {
    await server.ready;
  } catch (err) {
    console.error(`the world model failed to load: ${(err as Error).message}`);
    await server.close();
    process.exit(1);
  }
  console.log('INFERENCE ready: GET /ping, POST /invocations');
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
