/**
 * What V8's collector did in each isolate during a benchmark run, from Chromium's output with
 * `--trace-gc-nvp` (one JSON line per collection):
 *
 *   QUARRY_JS_FLAGS=--trace-gc-nvp DEBUG=pw:browser \
 *     npm run bench -- --quick --sizes=1004122 --no-anchor --no-operations 2> gc.log
 *   npx tsx bench/gc-trace-summary.ts gc.log
 *
 * Per isolate (process id : isolate address): the scavenges, the bytes they promoted to the old
 * generation, and every full collection (mark-compact) with the old generation's size after it
 * and the limit V8 then set for the next one. Found with it (README, "What the garbage at
 * completion was"): after the last full collection of a load V8 lets the old generation grow to
 * about four times what survived it, so what dies after that waits for its memory reducer.
 */
import { readFileSync } from 'node:fs';

/** The fields read from one `--trace-gc-nvp` line (sizes in bytes). */
interface Collection {
  atMs: number;
  /** `s` for a scavenge, `mc` for a full collection (mark-compact). */
  kind: string;
  promoted: number;
  endOldGen: number;
  oldGenLimit: number;
  reason: string;
}

// Chromium's output pipe sometimes cuts or interleaves these lines, so fields are read one by
// one from what is there rather than by parsing the whole line as JSON.
const LINE = /\[(?<pid>\d+):(?<isolate>0x[0-9a-f]+):\d+\]\s+(?<atMs>\d+) ms: GC: (?<json>\{.*)/;

function field(json: string, name: string): string | null {
  return new RegExp(`"${name}":"?([^",}]*)`).exec(json)?.[1] ?? null;
}

/** Each isolate's collections in order, keyed by process id and isolate address. */
function collections(text: string): Map<string, Collection[]> {
  const byIsolate = new Map<string, Collection[]>();
  for (const line of text.split('\n')) {
    const groups = LINE.exec(line)?.groups;
    if (!groups) continue;
    const json = groups.json!;
    const key = `${groups.pid}:${groups.isolate}`;
    const list = byIsolate.get(key) ?? [];
    list.push({
      atMs: Number(groups.atMs),
      kind: field(json, 'gc') ?? '?',
      promoted: Number(field(json, 'promoted') ?? 0),
      endOldGen: Number(field(json, 'end_old_gen_consumed_size') ?? 0),
      oldGenLimit: Number(field(json, 'old_gen_allocation_limit') ?? 0),
      reason: field(json, 'reason') ?? '',
    });
    byIsolate.set(key, list);
  }
  return byIsolate;
}

const path = process.argv[2];
if (!path) {
  console.error('usage: npx tsx bench/gc-trace-summary.ts <chromium output with --trace-gc-nvp>');
  process.exit(2);
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const isolates = [...collections(readFileSync(path, 'utf8'))].map(([isolate, list]) => {
  const scavenges = list.filter((c) => c.kind === 's');
  return { isolate, list, scavenges, promoted: scavenges.reduce((n, c) => n + c.promoted, 0) };
});
if (isolates.length === 0) console.log('No --trace-gc-nvp lines found.');
for (const { isolate, list, scavenges, promoted } of isolates.sort(
  (a, b) => b.promoted - a.promoted,
)) {
  console.log(
    `isolate ${isolate}: ${scavenges.length} scavenges promoted ${mib(promoted)}` +
      (scavenges.length ? ` (${mib(promoted / scavenges.length)} each)` : ''),
  );
  list.forEach((c, i) => {
    if (c.kind === 's') return;
    // A line shows the limit in force during that collection: the one it set is on the next.
    const next = list[i + 1];
    console.log(
      `  ${String(c.atMs).padStart(7)} ms ${c.kind}: old generation ${mib(c.endOldGen)} after` +
        (next ? `, next full collection at ${mib(next.oldGenLimit)}` : '') +
        ` (${c.reason})`,
    );
  });
}
