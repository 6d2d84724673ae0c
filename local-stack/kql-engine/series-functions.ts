/**
 * Time-series functions over dynamic numeric arrays (make-series output): series_decompose,
 * series_decompose_anomalies and series_outliers, following the algorithm the Kusto docs
 * describe (series-decompose-function.md, series-decompose-anomalies-function.md,
 * series-outliers-function.md).
 *
 * Where the docs leave the maths open the stand-in chooses, and says so here:
 * - Seasonality -1 (autodetect): the real function calls series_periods_detect. The stand-in
 *   takes, on the detrended series, the lag in [2, n/2] with the highest autocorrelation after
 *   the autocorrelation's first dip, and keeps it when it reaches the seasonality threshold
 *   (default 0.6); else no seasonality.
 * - The seasonal component is the median of the points in the same phase (as documented); the
 *   trend is the mean (`avg`), a least-squares line (`linefit`) or zero (`none`), fitted to the
 *   deseasonalised series without its last Test_points points.
 * - The anomaly score is Tukey's fence measured in inter-percentile ranges: (r - Q3) / R above
 *   Q3, (r - Q1) / R below Q1, else 0, with Q1/Q3 the 25th/75th (tukey) or 10th/90th (ctukey)
 *   percentiles of the residuals (linear interpolation) and R = Q3 - Q1, for ctukey scaled by
 *   the 25–75 to 10–90 width ratio of a normal distribution (0.526). How the real ctukey scales
 *   is not documented, so scores can differ from Kusto's.
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

/** Autocorrelation at `lag`, each lag's sum averaged over its own number of pairs. */
function autocorrelation(values: number[], lag: number, m: number, variance: number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i + lag < values.length; i++) {
    const d = values[i]! - m;
    const e = values[i + lag]! - m;
    if (Number.isFinite(d) && Number.isFinite(e)) {
      sum += d * e;
      pairs++;
    }
  }
  return pairs === 0 || variance === 0 ? 0 : sum / pairs / variance;
}

/**
 * The stand-in's series_periods_detect: on the detrended series, the autocorrelation first
 * falls from lag 1 (neighbours are alike in any smooth series); the period is the lag with the
 * highest autocorrelation after that first dip, kept when it reaches the threshold.
 */
export function detectPeriod(values: number[], threshold: number): number {
  const fit = lineFit(values, values.length);
  const detrended = values.map((v, i) => v - fit[i]!);
  const m = mean(detrended);
  const finite = detrended.filter(Number.isFinite);
  const variance = finite.reduce((a, v) => a + (v - m) * (v - m), 0) / Math.max(1, finite.length);
  // At least two full cycles must fit.
  const maxLag = Math.min(Math.floor(values.length / 2), 10_000);
  const acf = [1];
  for (let lag = 1; lag <= maxLag; lag++) acf.push(autocorrelation(detrended, lag, m, variance));
  let lag = 1;
  while (lag < maxLag && acf[lag + 1]! <= acf[lag]!) lag++;
  let best = 0;
  let bestScore = -Infinity;
  for (let candidate = Math.max(2, lag); candidate <= maxLag; candidate++) {
    if (acf[candidate]! > bestScore + 1e-9) {
      best = candidate;
      bestScore = acf[candidate]!;
    }
  }
  // A multiple of the period correlates about as well as the period itself: prefer the shortest
  // divisor past the first dip that does nearly as well (weekly data also repeats every two
  // weeks). The loop runs from the shortest divisor up.
  for (let k = Math.floor(best / 2); k >= 2; k--) {
    const divisor = best / k;
    if (
      Number.isInteger(divisor) &&
      divisor >= Math.max(2, lag) &&
      acf[divisor]! >= 0.9 * bestScore
    ) {
      best = divisor;
      break;
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

/** The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Tukey's fence scores (see the header). ctukey's wider 10th–90th range is scaled to the width
 * the 25th–75th range has on normal data, so a threshold k keeps Tukey's meaning (the docs' k of
 * 1.5 "for detecting mild or stronger anomalies"). Nulls score 0.
 */
export function outlierScores(values: number[], kind = 'ctukey', low = 10, high = 90): number[] {
  const classic = kind.toLowerCase() === 'tukey';
  const [p1, p3] = classic ? [25, 75] : [low, high];
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const q1 = percentile(sorted, p1);
  const q3 = percentile(sorted, p3);
  const scale = classic
    ? 1
    : (normalQuantile(0.75) - normalQuantile(0.25)) /
      (normalQuantile(p3 / 100) - normalQuantile(p1 / 100));
  const range = (q3 - q1) * scale;
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

/** series_add/subtract/multiply/divide: element by element; a scalar applies to every element. */
function elementwise(op: (a: number, b: number) => number): ScalarFunction {
  return () => (args) => {
    const left = args[0];
    const right = args[1];
    if (!Array.isArray(left) && !Array.isArray(right)) return null;
    const length = Math.max(
      Array.isArray(left) ? left.length : 0,
      Array.isArray(right) ? right.length : 0,
    );
    const at = (value: Value | undefined, i: number) => {
      const item = Array.isArray(value) ? value[i] : value;
      return typeof item === 'number' ? item : NaN;
    };
    const out: Value[] = [];
    for (let i = 0; i < length; i++) {
      const result = op(at(left, i), at(right, i));
      out.push(Number.isFinite(result) ? result : null);
    }
    return out;
  };
}

export const seriesFunctions: Record<string, ScalarFunction> = {
  series_add: elementwise((a, b) => a + b),
  series_subtract: elementwise((a, b) => a - b),
  series_multiply: elementwise((a, b) => a * b),
  series_divide: elementwise((a, b) => a / b),
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
