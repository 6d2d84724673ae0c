import { describe, expect, it } from 'vitest';
import { promqlCompletionContext, promqlDiagnostics } from './promql-syntax';

describe('promqlDiagnostics (Prometheus grammar)', () => {
  it('finds nothing wrong in valid PromQL', () => {
    expect(promqlDiagnostics('sum by (route) (rate(http_requests_total[5m]))')).toEqual([]);
    expect(promqlDiagnostics('up{job=~"a|b"} offset 5m')).toEqual([]);
  });

  it('marks a dangling "by" at the end of the query, with its position', () => {
    const [error, ...rest] = promqlDiagnostics('sum(rate(up[5m])) by');
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ line: 1, column: 21, from: 19, to: 20 });
    expect(error!.message).toMatch(/^Unexpected end of query: by\/without needs its labels/);
  });

  it('marks an unexpected word with its line and column', () => {
    const [error] = promqlDiagnostics('up\n  foo bar');
    expect(error).toMatchObject({ line: 2, column: 3 });
    expect(promqlDiagnostics('up{job="a"')[0]!.message).toMatch(/"}" is missing/);
  });
});

describe('promqlCompletionContext', () => {
  it('completes metric names and functions in an expression', () => {
    expect(promqlCompletionContext('rate(http_', 10)).toEqual({ kind: 'expression', from: 5 });
  });

  it('completes label names of the selector’s metric inside braces', () => {
    expect(promqlCompletionContext('up{jo', 5)).toEqual({
      kind: 'label-name',
      from: 3,
      metric: 'up',
    });
    expect(promqlCompletionContext('{__name__="up", jo', 18)).toMatchObject({
      kind: 'label-name',
      metric: 'up',
    });
  });

  it('completes label values inside a matcher’s quotes', () => {
    expect(promqlCompletionContext('up{job="pro', 11)).toEqual({
      kind: 'label-value',
      from: 8,
      label: 'job',
      metric: 'up',
    });
  });

  it('completes the aggregated metric’s labels in by (…)', () => {
    const text = 'sum by (ro) (rate(http_requests_total[5m]))';
    expect(promqlCompletionContext(text, 10)).toEqual({
      kind: 'label-name',
      from: 8,
      metric: 'http_requests_total',
    });
  });
});
