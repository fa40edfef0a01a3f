import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** A child process of the stack, stopped with it. Its output is prefixed and passed on, or kept quiet. */
export interface Child {
  name: string;
  /** The running process (replaced by `restart`). */
  process: ChildProcess;
  stop(): Promise<void>;
  /** Starts the same command again (after a crash or a kill), on the same data; `stop` then stops the new one. */
  restart(): void;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; log?: (line: string) => void },
): Child {
  const tail: string[] = [];
  let stopping = false;
  const spawnIt = () => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (data: Buffer) => {
      for (const line of data.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        opts.log?.(`[${name}] ${line}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null && !stopping) {
        process.stderr.write(`[${name}] exited with ${code}; last output:\n${tail.join('\n')}\n`);
      }
    });
    return child;
  };
  const handle: Child = {
    name,
    process: spawnIt(),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const child = handle.process;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    restart: () => {
      const old = handle.process;
      if (old.exitCode === null && old.signalCode === null) throw new Error(`${name} is still running`);
      stopping = false;
      handle.process = spawnIt();
    },
  };
  return handle;
}

/** Resolves once `check` passes, polling every `everyMs`; rejects after `timeoutMs` or when `child` dies. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; everyMs?: number; child?: Child },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (opts.child && opts.child.process.exitCode !== null) throw new Error(`${what}: ${opts.child.name} exited`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${opts.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 100));
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
