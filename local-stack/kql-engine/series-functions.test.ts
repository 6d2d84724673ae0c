import { describe, expect, it } from 'vitest';
import { columns, run } from './engine-test-support';
import { decompose, detectPeriod, outlierScores } from './series-functions';

// A weekly pattern (period 7) with a slow rise and a little fixed noise, and two planted
// outliers at 20 (up) and 45 (down), as in the docs' examples.
const SERIES = Array.from({ length: 70 }, (_, i) => {
  const base = 10 + (i % 7 >= 5 ? 10 : 0) + i * 0.05 + ((i * 37) % 11) / 11 - 0.5;
  return i === 20 ? base + 8 : i === 45 ? base - 8 : base;
});
const LITERAL = `dynamic([${SERIES.map((v) => v.toFixed(2)).join(',')}])`;

describe('series functions', () => {
  it('finds the weekly period, and none in a straight line', () => {
    expect(detectPeriod(SERIES, 0.6)).toBe(7);
    expect(
      detectPeriod(
        Array.from({ length: 50 }, (_, i) => i),
        0.6,
      ),
    ).toBe(0);
  });

  it('decomposes into seasonal medians and a fitted line', () => {
    const parts = decompose(SERIES, 7, 'linefit');
    // Away from the outliers the baseline follows the series closely.
    expect(Math.abs(parts.residual[10]!)).toBeLessThan(1);
    expect(parts.residual[20]!).toBeGreaterThan(6);
    expect(parts.residual[45]!).toBeLessThan(-6);
  });

  it('scores by Tukey fences: zero inside the inter-percentile range', () => {
    // Q1 = 3.25, Q3 = 7.75 (25th/75th, interpolated): 4..7 are inside, 1 is 0.5 ranges below.
    const scores = outlierScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 'tukey');
    expect(scores.slice(3, 7)).toEqual([0, 0, 0, 0]);
    expect(scores[0]).toBeCloseTo(-0.5, 6);
    expect(scores[9]).toBeCloseTo((100 - 7.75) / 4.5, 6);
  });

  it('series_decompose_anomalies flags exactly the planted points, through extend', () => {
    const table = run(
      `print y = ${LITERAL} | extend (flag, score, baseline) = series_decompose_anomalies(y, 1.5, -1, 'linefit')`,
    );
    const flags = table.rows[0]![1] as number[];
    expect(flags.flatMap((f, i) => (f === 0 ? [] : [[i, f]]))).toEqual([
      [20, 1],
      [45, -1],
    ]);
    expect((table.rows[0]![3] as number[]).length).toBe(70);
  });

  it('a bare call takes the analyzer names of the three series', () => {
    expect(columns(`print y = ${LITERAL} | extend series_decompose_anomalies(y)`)).toEqual([
      'y:dynamic',
      'series_decompose_anomalies_y_ad_flag:dynamic',
      'series_decompose_anomalies_y_ad_score:dynamic',
      'series_decompose_anomalies_y_baseline:dynamic',
    ]);
  });

  it("runs the docs' weekly example (rand() made fixed) and finds exactly its six outliers", () => {
    // series-decompose-anomalies-function.md, "Tweak the anomaly detection threshold".
    const table = run(`let ts=range t from 1 to 24*7*5 step 1
| extend Timestamp = datetime(2018-03-01 05:00) + 1h * t
| extend y = 2*((t*37)%11)/11.0 + iff((t/24)%7>=5, 5.0, 15.0) - (((t%24)/10)*((t%24)/10)) + t/72.0
| extend y=iff(t==150 or t==200 or t==780, y-8.0, y)
| extend y=iff(t==300 or t==400 or t==600, y+8.0, y)
| summarize Timestamp=make_list(Timestamp, 10000),y=make_list(y, 10000);
ts
| extend series_decompose_anomalies(y, 2.5, -1, 'linefit')
| extend series_decompose_anomalies_y_ad_flag =
series_multiply(10, series_decompose_anomalies_y_ad_flag)
| render timechart`);
    const flags = table.rows[0]![2] as number[];
    expect(flags.flatMap((f, i) => (f === 0 ? [] : [[i + 1, f]]))).toEqual([
      [150, -10],
      [200, -10],
      [300, 10],
      [400, 10],
      [600, 10],
      [780, -10],
    ]);
  });
});
