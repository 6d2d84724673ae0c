/**
 * Time-series functions over dynamic numeric arrays (make-series output): series_decompose,
 * series_decompose_anomalies and series_outliers, following the algorithm the Kusto docs
 * describe (series-decompose-function.md, series-decompose-anomalies-function.md,
 * series-outliers-function.md).
 *
 * Where the docs leave the maths open the stand-in chooses, and says so here:
 * - Seasonality -1 (autodetect): the real function calls series_periods_detect. The stand-in
 *   takes the lag in [2, n/2] whose autocorrelation of the detrended series is highest and keeps
 *   it when that score reaches the seasonality threshold (default 0.6); else no seasonality.
 * - The seasonal component is the median of the points in the same phase (as documented); the
 *   trend is the mean (`avg`), a least-squares line (`linefit`) or zero (`none`), fitted to the
 *   deseasonalised series without its last Test_points points.
 * - The anomaly score is Tukey's fence measured in inter-percentile ranges: (r - Q3) / (Q3 - Q1)
 *   above Q3, (r - Q1) / (Q3 - Q1) below Q1, else 0, with Q1/Q3 the 10th/90th (ctukey) or
 *   25th/75th (tukey) percentiles of the residuals (linear interpolation). The real ctukey may
 *   scale its range differently, so scores (not which points stand out) can differ.
 * - The flag is +1 where the score exceeds the threshold, -1 below minus the threshold, else 0.
 */
import type { ScalarFunction } from './scalar-function-types';
import type { Value } from './values';

function numbers(value: Value | undefined): number[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((v) => (typeof v === 'number' ? v : NaN));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length === 0 ? 0 : percentile(finite, 50);
}

function mean(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? 0 : finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** Least-squares line through (i, values[i]) for the finite values; the fitted series. */
function lineFit(values: number[], length: number): number[] {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  values.forEach((y, x) => {
    if (!Number.isFinite(y)) return;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  });
  if (n === 0) return new Array<number>(length).fill(0);
  const denominator = n * sxx - sx * sx;
  const slope = denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
  const intercept = (sy - slope * sx) / n;
  return Array.from({ length }, (_, x) => intercept + slope * x);
}

function autocorrelation(values: number[], lag: number): number {
  const m = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? m) - m;
    if (Number.isFinite(d)) denominator += d * d;
    if (i + lag < values.length) {
      const e = (values[i + lag] ?? m) - m;
      if (Number.isFinite(d) && Number.isFinite(e)) numerator += d * e;
    }
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** The stand-in's series_periods_detect: the best-correlated lag, or 0 under the threshold. */
export function detectPeriod(values: number[], threshold: number): number {
  const detrended = values.map((v, i, all) => v - (lineFit(all, all.length)[i] ?? 0));
  let best = 0;
  let bestScore = -Infinity;
  const maxLag = Math.min(Math.floor(values.length / 2), 10_000);
  for (let lag = 2; lag <= maxLag; lag++) {
    const score = autocorrelation(detrended, lag);
    if (score > bestScore + 1e-12) {
      best = lag;
      bestScore = score;
    }
  }
  return bestScore >= threshold ? best : 0;
}

export interface Decomposition {
  baseline: number[];
  seasonal: number[];
  trend: number[];
  residual: number[];
}

export function decompose(
  x: number[],
  seasonality = -1,
  trendKind = 'avg',
  testPoints = 0,
  seasonalityThreshold = 0.6,
): Decomposition {
  const n = x.length;
  const learn = Math.max(0, n - Math.max(0, testPoints));
  const training = x.slice(0, learn);
  const period =
    seasonality < 0 ? detectPeriod(training, seasonalityThreshold) : Math.floor(seasonality);
  const seasonal = new Array<number>(n).fill(0);
  if (period >= 2) {
    const phaseMedians = Array.from({ length: period }, (_, phase) =>
      median(training.filter((_, i) => i % period === phase)),
    );
    for (let i = 0; i < n; i++) seasonal[i] = phaseMedians[i % period]!;
  }
  const deseasoned = training.map((v, i) => v - seasonal[i]!);
  const trendKindLower = trendKind.toLowerCase();
  const trend =
    trendKindLower === 'linefit'
      ? lineFit(deseasoned, n)
      : trendKindLower === 'none'
        ? new Array<number>(n).fill(0)
        : new Array<number>(n).fill(mean(deseasoned));
  const baseline = seasonal.map((s, i) => s + trend[i]!);
  const residual = x.map((v, i) => v - baseline[i]!);
  return { baseline, seasonal, trend, residual };
}

/** Tukey's fence scores (see the header). Nulls score 0. */
export function outlierScores(values: number[], kind = 'ctukey', low = 10, high = 90): number[] {
  const [p1, p3] = kind.toLowerCase() === 'tukey' ? [25, 75] : [low, high];
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const q1 = percentile(sorted, p1);
  const q3 = percentile(sorted, p3);
  const range = q3 - q1;
  return values.map((v) => {
    if (!Number.isFinite(v) || !(range > 0)) return 0;
    if (v > q3) return (v - q3) / range;
    if (v < q1) return (v - q1) / range;
    return 0;
  });
}

const round = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
const num = (value: Value | undefined, fallback: number) =>
  typeof value === 'number' ? value : fallback;
const text = (value: Value | undefined, fallback: string) =>
  typeof value === 'string' && value !== '' ? value : fallback;

export const seriesFunctions: Record<string, ScalarFunction> = {
  /** (ad_flag, ad_score, baseline) as one tuple; extend spreads it over three columns. */
  series_decompose_anomalies: () => (args) => {
    const x = numbers(args[0]);
    if (!x) return [null, null, null];
    const threshold = num(args[1], 1.5);
    const parts = decompose(
      x,
      num(args[2], -1),
      text(args[3], 'avg'),
      num(args[4], 0),
      num(args[6], 0.6),
    );
    const scores = outlierScores(parts.residual, text(args[5], 'ctukey'));
    const flags = scores.map((s) => (s > threshold ? 1 : s < -threshold ? -1 : 0));
    return [flags, round(scores), round(parts.baseline)];
  },
  series_decompose: () => (args) => {
    const x = numbers(args[0]);
    if (!x) return [null, null, null, null];
    const parts = decompose(
      x,
      num(args[1], -1),
      text(args[2], 'avg'),
      num(args[3], 0),
      num(args[4], 0.6),
    );
    return [
      round(parts.baseline),
      round(parts.seasonal),
      round(parts.trend),
      round(parts.residual),
    ];
  },
  series_outliers: () => (args) => {
    const x = numbers(args[0]);
    if (!x) return null;
    return round(outlierScores(x, text(args[1], 'ctukey'), num(args[3], 10), num(args[4], 90)));
  },
};

/** The functions above that return a tuple (one value per output column). */
export const TUPLE_FUNCTIONS = new Set(['series_decompose_anomalies', 'series_decompose']);
