/**
 * Where a renderer's memory goes: a Chromium memory-infra dump (trace category
 * `disabled-by-default-memory-infra`, `Tracing.requestMemoryDump`) of every process, reduced to
 * the allocators that matter for a loaded result: V8 (the page's isolate and each worker's, used
 * and committed), PartitionAlloc (ArrayBuffer backing stores, strings and buffers, Blink's
 * layout), malloc, Oilpan (blink_gc), compositor (cc), shared memory (mojo data pipes), and the
 * process's resident set and private footprint.
 *
 * A library, not a script: the console benchmark (bench/console-benchmark.ts) takes a dump
 * before and after each load; `QUARRY_MEMORY_DETAIL=1` there lists every allocator.
 */
import type { CDPSession } from 'playwright-core';

interface MemoryDumpEvent {
  ph: string;
  pid: number;
  name: string;
  args?: {
    name?: string;
    dumps?: {
      allocators?: Record<string, { attrs?: Record<string, { value?: string }> }>;
      process_totals?: Record<string, string>;
    };
  };
}

/** Bytes of one process by part; absent parts are 0. */
export interface ProcessMemory {
  pid: number;
  /** "Renderer", "Browser", "GPU Process", or the pid when Chromium sent no name. */
  name: string;
  parts: Record<string, number>;
}

/** The parts reported, in order: [label, allocator dump whose `size` (committed bytes) it is]. */
const PARTS: [string, string][] = [
  ['V8 page', 'v8/main/heap'],
  ['V8 workers', 'v8/workers/heap'],
  ['PA ArrayBuffers', 'partition_alloc/partitions/array_buffer'],
  ['PA buffer', 'partition_alloc/partitions/buffer'],
  ['PA all', 'partition_alloc/partitions'],
  ['malloc', 'malloc'],
  ['Oilpan', 'blink_gc'],
  ['cc tiles', 'cc'],
  ['shared mem', 'shared_memory'],
];

function hex(value: string | undefined): number {
  return value === undefined ? 0 : Number.parseInt(value, 16) || 0;
}

/**
 * One detailed dump of every process Chromium has (tracing on the page's session). With
 * `collectGarbageFirst` it is a deterministic dump: Chromium collects garbage everywhere first.
 */
export async function memoryDump(
  session: CDPSession,
  collectGarbageFirst = true,
): Promise<ProcessMemory[]> {
  const events: MemoryDumpEvent[] = [];
  const onData = (e: { value: unknown[] }) => events.push(...(e.value as MemoryDumpEvent[]));
  session.on('Tracing.dataCollected', onData);
  await session.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['disabled-by-default-memory-infra'],
      excludedCategories: ['*'],
      // No periodic dumps: only the one requested below.
      // The protocol types this as a string map; Chromium reads `triggers` as a list.
      memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
    },
  });
  const dumped = await session.send('Tracing.requestMemoryDump', {
    deterministic: collectGarbageFirst,
    levelOfDetail: 'detailed',
  });
  const complete = new Promise<void>((resolve) =>
    session.once('Tracing.tracingComplete', () => resolve()),
  );
  await session.send('Tracing.end');
  await complete;
  session.off('Tracing.dataCollected', onData);
  if (!dumped.success) throw new Error('Chromium did not take the memory dump.');

  const names = new Map<number, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'process_name' && e.args?.name) names.set(e.pid, e.args.name);
  // A process's dump comes as several events (totals, then allocators): merged by pid.
  const byPid = new Map<number, { totals: Record<string, string>; allocators: Allocators }>();
  for (const e of events) {
    if (e.ph !== 'v' || !e.args?.dumps) continue;
    const entry = byPid.get(e.pid) ?? { totals: {}, allocators: {} };
    Object.assign(entry.totals, e.args.dumps.process_totals ?? {});
    Object.assign(entry.allocators, e.args.dumps.allocators ?? {});
    byPid.set(e.pid, entry);
  }
  if (process.env.QUARRY_MEMORY_DETAIL) printDetail(byPid, names);
  return [...byPid].map(([pid, { totals, allocators }]) => {
    const parts: Record<string, number> = {
      'private footprint': hex(totals.private_footprint_bytes),
    };
    for (const [label, path] of PARTS) parts[label] = hex(allocators[path]?.attrs?.size?.value);
    return { pid, name: names.get(pid) ?? `pid ${pid}`, parts };
  });
}

/**
 * With QUARRY_MEMORY_DETAIL=1: every renderer allocator dump of two path levels or fewer (and
 * over 4 MiB) on stderr, to find memory the parts above do not name. With
 * QUARRY_MEMORY_DETAIL=2 also each worker isolate's V8 spaces (old, new, large object), each with
 * its committed size and the bytes of the objects in it: at completion, the objects of the old
 * space include the garbage V8 has not collected yet, which the dump after GC shows.
 */
function printDetail(
  byPid: Map<number, { totals: Record<string, string>; allocators: Allocators }>,
  names: Map<number, string>,
): void {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  const spaces = process.env.QUARRY_MEMORY_DETAIL === '2';
  for (const [pid, { totals, allocators }] of byPid) {
    if (names.get(pid) !== 'Renderer') continue;
    const lines = Object.entries(allocators)
      .filter(
        ([path]) =>
          path.split('/').length <= 2 || (spaces && /^v8\/workers\/heap\/\w+\/isolate_/.test(path)),
      )
      .map(([path, dump]) => [path, hex(dump.attrs?.size?.value), dump] as const)
      .filter(([, bytes]) => bytes >= 4 * 2 ** 20)
      .sort((a, b) => b[1] - a[1])
      .map(([path, bytes, dump]) => {
        const objects = dump.attrs?.allocated_objects_size?.value;
        return `${path} ${mib(bytes)}${objects ? ` (objects ${mib(hex(objects))})` : ''}`;
      });
    const totalsText = Object.entries(totals)
      .map(([key, value]) => `${key} ${mib(hex(value))}`)
      .join(', ');
    process.stderr.write(`renderer ${pid}: ${totalsText}\n  ${lines.join('\n  ')}\n`);
  }
}

type Allocators = NonNullable<NonNullable<MemoryDumpEvent['args']>['dumps']>['allocators'] & {};

/** The parts of all processes named `name`, added up (one renderer here; spare ones are idle). */
export function totalOf(dump: readonly ProcessMemory[], name: RegExp): Record<string, number> {
  const total: Record<string, number> = {};
  for (const process of dump) {
    if (!name.test(process.name)) continue;
    for (const [part, bytes] of Object.entries(process.parts))
      total[part] = (total[part] ?? 0) + bytes;
  }
  return total;
}

/** The labels of the parts, in report order. */
export const PART_LABELS = ['private footprint', ...PARTS.map(([label]) => label)];
