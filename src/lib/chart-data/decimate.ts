/**
 * Decimation for big series, so a chart of hundreds of thousands of points draws what the eye
 * can see (a few points per pixel column) and stays responsive. Pure: the chart calls it again
 * with the visible x range when the user zooms, so detail comes back as the window narrows.
 */

export interface Points {
  x: Float64Array;
  y: Float64Array;
}

/** First index with x[i] >= value (x ascending). */
function lowerBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with x[i] > value (x ascending). */
function upperBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indexes [start, end) of the points with `from <= x <= to`, widened by one point on each side
 * so lines run on to the plot's edges.
 */
export function visibleSlice(
  x: ArrayLike<number>,
  from: number,
  to: number,
): { start: number; end: number } {
  const start = Math.max(0, lowerBound(x, from) - 1);
  const end = Math.min(x.length, upperBound(x, to) + 1);
  return { start, end: Math.max(start, end) };
}

/**
 * Min/max-per-bucket decimation (M4) of a series with ascending x: the x range is cut into
 * `buckets` equal intervals (one per pixel column is the intent) and each keeps its first and
 * last point, its lowest and highest y, and its first gap (NaN y), in x order. Peaks, troughs
 * and gaps survive; a line through the kept points looks the same at that width. Series with
 * at most 4 points per bucket come back whole. `from`/`to` restrict the work to a zoom window.
 */
export function decimateMinMax(
  points: Points,
  buckets: number,
  from = -Infinity,
  to = Infinity,
): Points {
  const kept = minMaxIndexes(points, buckets, from, to);
  return pick(points, kept);
}

/** The points at `indexes`. */
export function pick(points: Points, indexes: Uint32Array): Points {
  const x = new Float64Array(indexes.length);
  const y = new Float64Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) {
    x[i] = points.x[indexes[i]!]!;
    y[i] = points.y[indexes[i]!]!;
  }
  return { x, y };
}

/**
 * The indexes `decimateMinMax` keeps. Series that share their x (stacked areas) are decimated
 * together by choosing indexes on their sum and picking those in every series.
 */
export function minMaxIndexes(
  points: Points,
  buckets: number,
  from = -Infinity,
  to = Infinity,
): Uint32Array {
  const { x, y } = points;
  const { start, end } =
    from === -Infinity && to === Infinity ? { start: 0, end: x.length } : visibleSlice(x, from, to);
  const count = end - start;
  const bucketCount = Math.max(1, Math.floor(buckets));
  if (count <= bucketCount * 4) {
    const all = new Uint32Array(count);
    for (let i = 0; i < count; i++) all[i] = start + i;
    return all;
  }

  const x0 = x[start]!;
  const span = x[end - 1]! - x0;
  const scale = span > 0 ? bucketCount / span : 0;
  const out: number[] = [];
  const kept: number[] = [];

  let bucket = -1;
  let first = -1;
  let last = -1;
  let minAt = -1;
  let maxAt = -1;
  let gapAt = -1;
  const flush = () => {
    if (first === -1) return;
    kept.length = 0;
    kept.push(first);
    for (const index of [minAt, maxAt, gapAt, last]) {
      if (index !== -1 && !kept.includes(index)) kept.push(index);
    }
    kept.sort((a, b) => a - b);
    for (const index of kept) out.push(index);
  };

  for (let i = start; i < end; i++) {
    const b = Math.min(bucketCount - 1, Math.floor((x[i]! - x0) * scale));
    if (b !== bucket) {
      flush();
      bucket = b;
      first = i;
      minAt = -1;
      maxAt = -1;
      gapAt = -1;
    }
    last = i;
    const value = y[i]!;
    if (Number.isNaN(value)) {
      if (gapAt === -1) gapAt = i;
    } else {
      if (minAt === -1 || value < y[minAt]!) minAt = i;
      if (maxAt === -1 || value > y[maxAt]!) maxAt = i;
    }
  }
  flush();
  return Uint32Array.from(out);
}

/**
 * Scatter decimation: a grid of `columns` × `rows` cells over the points' extent keeps the first
 * point in each occupied cell, plus the points holding the smallest and largest x and y. At one
 * cell per pixel or two the picture is unchanged; the count is bounded by the grid.
 */
export function decimateScatter(points: Points, columns: number, rows: number): Points {
  const { x, y } = points;
  const n = x.length;
  const cols = Math.max(1, Math.floor(columns));
  const rws = Math.max(1, Math.floor(rows));
  if (n <= cols * rws) return { x: x.slice(), y: y.slice() };

  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const extremes = [-1, -1, -1, -1];
  for (let i = 0; i < n; i++) {
    const px = x[i]!;
    const py = y[i]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    if (px < minX) [minX, extremes[0]] = [px, i];
    if (px > maxX) [maxX, extremes[1]] = [px, i];
    if (py < minY) [minY, extremes[2]] = [py, i];
    if (py > maxY) [maxY, extremes[3]] = [py, i];
  }
  const sx = maxX > minX ? (cols - 1) / (maxX - minX) : 0;
  const sy = maxY > minY ? (rws - 1) / (maxY - minY) : 0;
  const occupied = new Uint8Array(cols * rws);
  const keep = new Uint8Array(n);
  for (const index of extremes) if (index !== -1) keep[index] = 1;

  for (let i = 0; i < n; i++) {
    const px = x[i]!;
    const py = y[i]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const cell = Math.round((py - minY) * sy) * cols + Math.round((px - minX) * sx);
    if (occupied[cell] === 0) {
      occupied[cell] = 1;
      keep[i] = 1;
    }
  }
  const outX: number[] = [];
  const outY: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i] === 1) {
      outX.push(x[i]!);
      outY.push(y[i]!);
    }
  }
  return { x: Float64Array.from(outX), y: Float64Array.from(outY) };
}
