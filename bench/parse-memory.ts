/**
 * Heap kept by a parsed result per payload byte (Node, the worker's parser and columns), for the
 * StormEvents-shaped payload of bench/storm-events-payload.ts.
 * Run: `node --expose-gc --max-old-space-size=8192 --import tsx bench/parse-memory.ts [--rows=531594]`
 */
import { V2FrameParser } from '../src/lib/kusto/parse-v2-frames.ts';
import { generateStormEventsV2 } from './storm-events-payload.ts';

const CHUNK = 64 * 1024;

export function heapPerPayloadByte(rows: number): { payloadBytes: number; keptBytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run node with --expose-gc.');
  const holder: { bytes: Uint8Array | null } = { bytes: generateStormEventsV2({ rows }) };
  const payloadBytes = holder.bytes!.length;
  const parser = new V2FrameParser();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let at = 0; at < payloadBytes; at += CHUNK)
    parser.feed(holder.bytes!.subarray(at, at + CHUNK));
  holder.bytes = null; // the payload is not part of what the result keeps
  const dataSet = parser.end();
  gc();
  gc();
  const keptBytes = process.memoryUsage().heapUsed - before;
  if (!dataSet.tables.some((t) => t.rowCount === rows)) throw new Error('row count mismatch');
  return { payloadBytes, keptBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? '531594');
  const { payloadBytes, keptBytes } = heapPerPayloadByte(rows);
  console.log(
    `${rows.toLocaleString('en-US')} rows: payload ${(payloadBytes / 2 ** 20).toFixed(0)} MiB, ` +
      `heap kept ${(keptBytes / 2 ** 20).toFixed(0)} MiB = ${(keptBytes / payloadBytes).toFixed(2)}× payload`,
  );
}
