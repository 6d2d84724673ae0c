/**
 * Memory kept by a parsed result per payload byte (Node, the worker's parser and columns), for the
 * StormEvents-shaped payload of bench/storm-events-payload.ts: the JS heap, and the ArrayBuffers
 * of the typed columns (outside the heap, in `process.memoryUsage().arrayBuffers`).
 * Run: `node --expose-gc --max-old-space-size=8192 --import tsx bench/parse-memory.ts [--rows=531594]`
 */
import { V2FrameParser } from '../src/lib/kusto/parse-v2-frames.ts';
import type { DataSet } from '../src/lib/result-model/index.ts';
import { generateStormEventsV2 } from './storm-events-payload.ts';

const CHUNK = 64 * 1024;

/** Bytes of the typed arrays the columns hold (values, null bitmaps, sub-millisecond ticks). */
function typedBytes(dataSet: DataSet): number {
  let bytes = 0;
  for (const table of dataSet.tables)
    for (const column of table.data)
      for (const part of Object.values(column) as unknown[])
        if (ArrayBuffer.isView(part)) bytes += part.byteLength;
  return bytes;
}

export function heapPerPayloadByte(rows: number): {
  payloadBytes: number;
  keptBytes: number;
  arrayBufferBytes: number;
} {
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
  const after = process.memoryUsage().heapUsed;
  if (!dataSet.tables.some((t) => t.rowCount === rows)) throw new Error('row count mismatch');
  return {
    payloadBytes,
    keptBytes: after - before,
    arrayBufferBytes: typedBytes(dataSet),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? '531594');
  const { payloadBytes, keptBytes, arrayBufferBytes } = heapPerPayloadByte(rows);
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  const per = (n: number) => `${(n / payloadBytes).toFixed(2)}×`;
  console.log(
    `${rows.toLocaleString('en-US')} rows: payload ${mib(payloadBytes)}, ` +
      `heap kept ${mib(keptBytes)} = ${per(keptBytes)} payload, ` +
      `ArrayBuffers kept ${mib(arrayBufferBytes)} = ${per(arrayBufferBytes)}, ` +
      `together ${per(keptBytes + arrayBufferBytes)}`,
  );
}
