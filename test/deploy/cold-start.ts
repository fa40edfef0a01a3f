import { Worker } from 'node:worker_threads';

/**
 * Cold-starts one packaged handler bundle in a worker thread of its own (its own module graph, as
 * a fresh Lambda container has) with the given environment, and reports which environment variables
 * its modules read while loading, or the error that stopped it.
 */
export interface ColdStart {
  ok: boolean;
  error?: string;
  read: string[];
}

const probe = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const read = new Set();
const env = { ...workerData.env };
process.env = new Proxy(env, { get(target, name) { if (typeof name === 'string') read.add(name); return target[name]; } });
import(pathToFileURL(workerData.bundle).href).then(
  () => parentPort.postMessage({ ok: true, read: [...read] }),
  (error) => parentPort.postMessage({ ok: false, error: String(error && error.message || error), read: [...read] }),
);
`;

export function coldStart(bundle: string, env: Record<string, string>): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(probe, { eval: true, workerData: { bundle, env } });
    worker.once('message', (result: ColdStart) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Runs cold starts a few at a time (each worker loads its own copy of the bundle), results in order. */
export async function coldStarts<T>(items: T[], run: (item: T) => Promise<ColdStart>, atOnce = 3): Promise<ColdStart[]> {
  const results: ColdStart[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]);
      }
    }),
  );
  return results;
}
