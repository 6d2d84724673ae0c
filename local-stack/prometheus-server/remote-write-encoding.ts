/**
 * Encodes a Prometheus remote-write request (protobuf `prometheus.WriteRequest`, snappy block
 * format) by hand, for tests that write samples the way a Prometheus agent does. The snappy block
 * holds literals only: valid snappy that every decoder reads, just not compressed.
 */

export interface RemoteWriteSeries {
  /** Including `__name__`. */
  labels: Record<string, string>;
  samples: readonly { value: number; timestampMs: number }[];
}

function varint(value: number | bigint): number[] {
  let rest = BigInt(value);
  const bytes: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0n);
  return bytes;
}

function lengthDelimited(field: number, payload: Uint8Array | number[]): number[] {
  return [(field << 3) | 2, ...varint(payload.length), ...payload];
}

function text(field: number, value: string): number[] {
  return lengthDelimited(field, [...new TextEncoder().encode(value)]);
}

function sample(value: number, timestampMs: number): number[] {
  const double = new Uint8Array(8);
  new DataView(double.buffer).setFloat64(0, value, true);
  return [(1 << 3) | 1, ...double, (2 << 3) | 0, ...varint(timestampMs)];
}

/** The protobuf bytes of a WriteRequest (labels sorted by name, as receivers require). */
export function writeRequestProtobuf(series: readonly RemoteWriteSeries[]): Uint8Array {
  const bytes: number[] = [];
  for (const one of series) {
    const timeSeries: number[] = [];
    for (const name of Object.keys(one.labels).sort()) {
      timeSeries.push(...lengthDelimited(1, [...text(1, name), ...text(2, one.labels[name]!)]));
    }
    for (const point of one.samples) {
      timeSeries.push(...lengthDelimited(2, sample(point.value, point.timestampMs)));
    }
    bytes.push(...lengthDelimited(1, timeSeries));
  }
  return Uint8Array.from(bytes);
}

/** Snappy block format with literal elements only. */
export function snappyLiteral(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const out: number[] = [...varint(input.length)];
  for (let offset = 0; offset < input.length; offset += 65_536) {
    const chunk = input.subarray(offset, Math.min(offset + 65_536, input.length));
    const n = chunk.length - 1;
    if (n < 60) out.push(n << 2);
    else if (n < 256) out.push(60 << 2, n);
    else out.push(61 << 2, n & 0xff, n >> 8);
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}

/** The body and headers of a remote-write POST. */
export function remoteWriteBody(series: readonly RemoteWriteSeries[]): {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
} {
  return {
    body: new Uint8Array(snappyLiteral(writeRequestProtobuf(series))),
    headers: {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
    },
  };
}
