/** Small measuring helpers for the benchmarks (Node, run with --expose-gc). */

const gc = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
  if (!gc) throw new Error('Run with --expose-gc (bench/run-all.ts restarts Node with it).');
  gc();
  gc();
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Approach<T = unknown> {
  name: string;
  work: () => T;
}

export interface Measurement {
  name: string;
  /** Median wall time in ms. */
  medianMs: number;
  /** Median CPU time (user + system, all threads: includes GC helpers) in ms. */
  medianCpuMs: number;
  allMs: number[];
  allCpuMs: number[];
  /** Heap kept alive by the result (after GC), in bytes. */
  retainedBytes: number;
}

function timed<T>(work: () => T): { ms: number; cpuMs: number; result: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

/**
 * Runs every approach once per iteration, rotating the order, with a GC before each run: on a
 * shared machine, load then hits all approaches alike and per-iteration ratios stay meaningful.
 * A final run per approach keeps its result alive to measure the heap it holds.
 */
export function measureInterleaved(
  iterations: number,
  approaches: readonly Approach[],
): Measurement[] {
  const wall = approaches.map(() => [] as number[]);
  const cpu = approaches.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < approaches.length; k++) {
      const index = (i + k) % approaches.length;
      collectGarbage();
      const run = timed((approaches[index] as Approach).work);
      wall[index]?.push(run.ms);
      cpu[index]?.push(run.cpuMs);
    }
  }
  return approaches.map((approach, index) => {
    collectGarbage();
    const before = heapUsed();
    const kept: unknown[] = [approach.work()];
    collectGarbage();
    const retainedBytes = heapUsed() - before;
    kept.length = 0;
    const allMs = wall[index] ?? [];
    const allCpuMs = cpu[index] ?? [];
    return {
      name: approach.name,
      medianMs: median(allMs),
      medianCpuMs: median(allCpuMs),
      allMs,
      allCpuMs,
      retainedBytes,
    };
  });
}

/** Median over iterations of a[i] / b[i] (both measured in the same iteration). */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / (b[i] as number)));
}

/** Simple repeated timing for operations with no competitor. */
export function timeMedian(iterations: number, work: () => unknown): number {
  const all: number[] = [];
  for (let i = 0; i < iterations; i++) {
    collectGarbage();
    all.push(timed(work).ms);
  }
  return median(all);
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
