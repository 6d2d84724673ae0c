/** The console benchmark's table: one column per size, then the goal (markdown, for README). */
import { SETTLE_MS, type ConsoleMeasurement } from './console-benchmark.ts';
import type { ServeMeasurement } from './standin-streaming.ts';

const ms = (n: number | null | undefined): string =>
  n === null || n === undefined || Number.isNaN(n)
    ? 'n/a'
    : `${Math.round(n).toLocaleString('en-US')} ms`;
const seconds = (n: number): string => `${(n / 1000).toFixed(2)} s`;
const ratio = (part: number, whole: number): string =>
  whole > 0 ? `${(part / whole).toFixed(2)}×` : 'n/a';

type Judge = (text: string, ok: boolean | null, what: string) => string;

/**
 * `judged(text, ok, what)`: a cell's text with ✔ or ✘ against its goal (nothing when it was
 * not measured); `summary()`: how many met, and which missed.
 */
function goalTally(): { judged: Judge; summary: () => string } {
  let met = 0;
  const missed: string[] = [];
  return {
    judged: (text, ok, what) => {
      if (ok === null) return text;
      if (ok) met += 1;
      else missed.push(what);
      return `${text} ${ok ? '✔' : '✘'}`;
    },
    summary: () =>
      `Goals: ${met} of ${met + missed.length} measured cells met` +
      (missed.length ? `; missed: ${missed.join(', ')}.` : '.'),
  };
}
const atMost = (value: number | null | undefined, limit: number): boolean | null =>
  value === null || value === undefined || Number.isNaN(value) ? null : value <= limit;
const size = (rows: number) => `${rows.toLocaleString('en-US')} rows`;

export function printConsoleTable(
  served: ServeMeasurement[],
  measured: ConsoleMeasurement[],
): void {
  const sizes = served.map((s) => s.rows);
  const { judged, summary } = goalTally();
  const at = (rows: number) => measured.find((m) => m.rows === rows);
  const line = (label: string, cells: string[], goal: string): string =>
    `| ${label} | ${cells.join(' | ')} | ${goal} |`;
  // Bytes per payload byte, judged against the 1.0× goal.
  const perPayload = (rows: number, bytes: (m: ConsoleMeasurement) => number, what: string) => {
    const m = at(rows);
    if (!m) return 'n/a';
    const value = bytes(m);
    return judged(
      ratio(value, m.payloadBytes),
      atMost(value / m.payloadBytes, 1),
      `${what} at ${size(rows)}`,
    );
  };
  const rows: string[] = [
    `| measured | ${sizes.map((n) => `${n.toLocaleString('en-US')} rows`).join(' | ')} | goal |`,
    `|---|${sizes.map(() => '---:').join('|')}|---|`,
    line(
      'payload (v2 JSON)',
      served.map((s) => `${(s.bytes / 2 ** 20).toFixed(0)} MiB`),
      '',
    ),
    line(
      'stand-in: first byte / all (Node client)',
      served.map((s) =>
        judged(
          `${ms(s.firstByteMs)} / ${seconds(s.totalMs)}`,
          s.firstByteMs <= 200 && s.totalMs <= 10_000,
          `stand-in at ${size(s.rows)}`,
        ),
      ),
      'first byte ≤ 200 ms; 1M rows ≤ 10 s',
    ),
    line(
      'console: first byte after Run',
      sizes.map((n) =>
        judged(ms(at(n)?.firstByteMs), atMost(at(n)?.firstByteMs, 200), `first byte at ${size(n)}`),
      ),
      '≤ 200 ms',
    ),
    line(
      'first rows on screen after first byte',
      sizes.map((n) =>
        judged(
          ms(at(n)?.firstRowAfterFirstByteMs),
          atMost(at(n)?.firstRowAfterFirstByteMs, 100),
          `first rows at ${size(n)}`,
        ),
      ),
      '≤ 100 ms',
    ),
    line(
      '… grid ready (AG Grid’s first row) after first byte',
      sizes.map((n) => ms(at(n)?.gridRowAfterFirstByteMs)),
      '',
    ),
    line(
      'completion after Run',
      sizes.map((n) => {
        const m = at(n);
        return m ? seconds(m.completionMs) : 'n/a';
      }),
      '',
    ),
    line(
      'main-thread tasks > 50 ms while loading (longest)',
      sizes.map((n) => {
        const m = at(n);
        return m
          ? judged(
              `${m.longTasks} (${ms(m.longestTaskMs)})`,
              m.longTasks === 0,
              `tasks while loading at ${size(n)}`,
            )
          : 'n/a';
      }),
      'none',
    ),
    line(
      'renderer RSS growth / payload (page + worker)',
      sizes.map((n) => perPayload(n, (m) => m.rssGrowthBytes, 'RSS at completion')),
      '≤ 1.0×',
    ),
    line(
      `renderer RSS growth / payload ${SETTLE_MS / 1000} s after completion, no GC forced`,
      sizes.map((n) => perPayload(n, (m) => m.rssGrowthSettledBytes, 'RSS settled')),
      '≤ 1.0×',
    ),
    line(
      'renderer RSS growth / payload after GC in page and workers',
      sizes.map((n) => perPayload(n, (m) => m.rssGrowthAfterGcBytes, 'RSS after GC')),
      '≤ 1.0×',
    ),
    line(
      'renderer growth by part / payload at completion (memory-infra, committed: ' +
        'private footprint = V8 page + V8 workers + PartitionAlloc + malloc + Oilpan + …)',
      sizes.map((n) => byPart(at(n)?.rendererGrowthAtCompletionByPart, at(n)?.payloadBytes)),
      '',
    ),
    line(
      'the same after GC in page and workers',
      sizes.map((n) => byPart(at(n)?.rendererGrowthByPart, at(n)?.payloadBytes)),
      '≤ 1.0× (private footprint)',
    ),
    line(
      'JS heap growth / payload: worker + page (worker; page)',
      sizes.map((n) => {
        const m = at(n);
        if (!m) return 'n/a';
        const heap = m.workerHeapGrowthBytes + m.heapGrowthBytes;
        return judged(
          `${ratio(heap, m.payloadBytes)} (${ratio(m.workerHeapGrowthBytes, m.payloadBytes)}; ${ratio(m.heapGrowthBytes, m.payloadBytes)})`,
          atMost(heap / m.payloadBytes, 1),
          `JS heap at ${size(n)}`,
        );
      }),
      '≤ 1.0×',
    ),
    line(
      'sort by EventId: time (tasks > 50 ms)',
      sizes.map((n) => {
        const m = at(n);
        return m
          ? judged(
              `${ms(m.sortMs)} (${tasks(m.sortLongTasks, m.sortLongestTaskMs)})`,
              m.sortLongTasks === null ? null : m.sortLongTasks === 0,
              `sort at ${size(n)}`,
            )
          : 'n/a';
      }),
      '0 tasks > 50 ms',
    ),
    line(
      'anchor: fetch text + JSON.parse on the main thread (longest task)',
      sizes.map((n) => {
        const a = at(n)?.anchor;
        if (a === undefined) return 'n/a';
        return typeof a === 'string' ? a : `${seconds(a.totalMs)} (${ms(a.longestTaskMs)})`;
      }),
      '',
    ),
  ];
  console.log(rows.join('\n'));
  printOperationsTable(sizes, measured, judged);
  console.log(`\n${summary()}`);
}

const byPart = (
  parts: Record<string, number> | null | undefined,
  payloadBytes: number | undefined,
): string =>
  parts && payloadBytes
    ? Object.entries(parts)
        .map(([part, bytes]) => `${part} ${ratio(bytes, payloadBytes)}`)
        .join('; ')
    : 'n/a';

const tasks = (count: number | null, longest: number | null): string =>
  count === null ? 'n/a' : count === 0 ? '0' : `${count}, longest ${ms(longest)}`;

/**
 * Operations after the load, one row per operation: time (main-thread tasks > 50 ms, longest),
 * and for scrolling also the frames over 50 ms.
 */
function printOperationsTable(
  sizes: number[],
  measured: ConsoleMeasurement[],
  judged: Judge,
): void {
  const names: string[] = [];
  for (const m of measured)
    for (const op of m.operations) if (!names.includes(op.name)) names.push(op.name);
  if (names.length === 0) return;
  const lines = [
    '',
    `| after load: time (tasks > 50 ms, longest) | ${sizes.map((n) => `${n.toLocaleString('en-US')} rows`).join(' | ')} | goal |`,
    `|---|${sizes.map(() => '---:').join('|')}|---|`,
  ];
  const notes: string[] = [];
  for (const name of names) {
    const cells = sizes.map((n) => {
      const op = measured.find((m) => m.rows === n)?.operations.find((o) => o.name === name);
      if (!op) return 'n/a';
      if (op.note) notes.push(`${name} at ${n.toLocaleString('en-US')} rows: ${op.note}`);
      if (op.ms === null) return 'n/a';
      const frames =
        op.longFrames === undefined
          ? ''
          : `; frames > 50 ms: ${op.longFrames}, longest ${ms(op.longestFrameMs)}`;
      return judged(
        `${ms(op.ms)} (${tasks(op.longTasks, op.longestTaskMs)}${frames})`,
        op.longTasks === null ? null : op.longTasks === 0,
        `${name} at ${size(n)}`,
      );
    });
    lines.push(`| ${name} | ${cells.join(' | ')} | 0 tasks > 50 ms |`);
  }
  console.log(lines.join('\n'));
  for (const note of notes) console.log(`- ${note}`);
}
