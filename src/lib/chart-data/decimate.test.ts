import { describe, expect, it } from 'vitest';
import { decimateMinMax, decimateScatter, visibleSlice, type Points } from './decimate';

/** A deterministic noisy series (no Math.random: failures must reproduce). */
function noisySeries(n: number): Points {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    x[i] = 1_000_000 + i * 10;
    y[i] = Math.sin(i / 5000) * 100 + (seed / 2147483648) * 20;
  }
  return { x, y };
}

const max = (values: ArrayLike<number>) => Math.max(...Array.from(values).filter((v) => !isNaN(v)));
const min = (values: ArrayLike<number>) => Math.min(...Array.from(values).filter((v) => !isNaN(v)));

describe('decimateMinMax', () => {
  it('returns a short series whole', () => {
    const points = noisySeries(100);
    const out = decimateMinMax(points, 50);
    expect(Array.from(out.y)).toEqual(Array.from(points.y));
  });

  it('bounds a long series to a few points per bucket, in ascending x', () => {
    const out = decimateMinMax(noisySeries(500_000), 1000);
    expect(out.x.length).toBeLessThanOrEqual(4 * 1000);
    expect(out.x.length).toBeGreaterThan(1000);
    const ascending = out.x.every((x, i) => i === 0 || x > out.x[i - 1]!);
    expect(ascending).toBe(true);
  });

  it('keeps single-point spikes and dips, and the first and last points', () => {
    const points = noisySeries(500_000);
    points.y[123_457] = 10_000;
    points.y[400_001] = -10_000;
    const out = decimateMinMax(points, 800);
    expect(max(out.y)).toBe(10_000);
    expect(min(out.y)).toBe(-10_000);
    expect(out.x[0]).toBe(points.x[0]);
    expect(out.x[out.x.length - 1]).toBe(points.x[points.x.length - 1]);
  });

  it('keeps every bucket’s extremes, so the drawn envelope is the data’s', () => {
    const points = noisySeries(200_000);
    const buckets = 300;
    const out = decimateMinMax(points, buckets);
    const x0 = points.x[0]!;
    const span = points.x[points.x.length - 1]! - x0;
    const bucketOf = (x: number) => Math.min(buckets - 1, Math.floor(((x - x0) * buckets) / span));
    const envelope = (p: Points) => {
      const lo = new Array<number>(buckets).fill(Infinity);
      const hi = new Array<number>(buckets).fill(-Infinity);
      p.x.forEach((x, i) => {
        const b = bucketOf(x);
        lo[b] = Math.min(lo[b]!, p.y[i]!);
        hi[b] = Math.max(hi[b]!, p.y[i]!);
      });
      return { lo, hi };
    };
    expect(envelope(out)).toEqual(envelope(points));
  });

  it('keeps a gap (null) so the line still breaks there', () => {
    const points = noisySeries(100_000);
    points.y[50_000] = NaN;
    const out = decimateMinMax(points, 200);
    expect(Array.from(out.y).some((v) => Number.isNaN(v))).toBe(true);
  });

  it('decimates only the zoom window, with one point beyond each edge', () => {
    const points = noisySeries(500_000);
    const from = points.x[100_000]!;
    const to = points.x[100_999]!;
    points.y[100_500] = 5_000;
    const out = decimateMinMax(points, 100, from, to);
    expect(out.x[0]).toBe(points.x[99_999]);
    expect(out.x[out.x.length - 1]).toBe(points.x[101_000]);
    expect(max(out.y)).toBe(5_000);
    expect(out.x.length).toBeLessThanOrEqual(400);
  });

  it('copes with all points at one x', () => {
    const x = new Float64Array(1000).fill(5);
    const y = Float64Array.from({ length: 1000 }, (_, i) => i % 7);
    const out = decimateMinMax({ x, y }, 10);
    expect(min(out.y)).toBe(0);
    expect(max(out.y)).toBe(6);
  });
});

describe('visibleSlice', () => {
  it('widens the window by one point on each side, within bounds', () => {
    const x = [0, 10, 20, 30, 40];
    expect(visibleSlice(x, 15, 25)).toEqual({ start: 1, end: 4 });
    expect(visibleSlice(x, -5, 100)).toEqual({ start: 0, end: 5 });
  });
});

describe('decimateScatter', () => {
  it('bounds the points by the grid and keeps the extreme points', () => {
    const { x, y } = noisySeries(300_000);
    y[42] = 1e6;
    x[77] = -1e6;
    const out = decimateScatter({ x, y }, 200, 100);
    expect(out.x.length).toBeLessThanOrEqual(200 * 100 + 4);
    expect(max(out.y)).toBe(1e6);
    expect(min(out.x)).toBe(-1e6);
  });

  it('keeps every point when they fit the grid', () => {
    const { x, y } = noisySeries(500);
    expect(decimateScatter({ x, y }, 100, 100).x.length).toBe(500);
  });
});
