import { performance } from 'node:perf_hooks';

export interface Latencies {
  name: string;
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  achievedRps: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Open-loop load at a fixed rate: request i starts at start + i/rps whether or not earlier ones
 * finished (so a slow server shows up as latency, not as a lower rate). Bounded by count.
 */
export async function atFixedRate(name: string, rps: number, seconds: number, call: (i: number) => Promise<boolean>): Promise<Latencies> {
  const total = Math.round(rps * seconds);
  const samples: number[] = [];
  let errors = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rps;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inflight.push(
      call(i).then(
        (ok) => {
          samples.push(performance.now() - t0);
          if (!ok) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  return {
    name,
    count: samples.length,
    errors,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1],
    achievedRps: samples.length / elapsed,
  };
}

export function printTable(rows: Latencies[]): void {
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(`${'workload'.padEnd(34)} ${'count'.padStart(6)} ${'errors'.padStart(6)} ${'rps'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(34)} ${String(r.count).padStart(6)} ${String(r.errors).padStart(6)} ${r.achievedRps.toFixed(1).padStart(7)} ${f(r.p50)} ${f(r.p99)} ${f(r.max)}`);
  }
}
