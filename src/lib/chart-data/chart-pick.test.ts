import { describe, expect, it } from 'vitest';
import { buildChartData } from './build-chart-data';
import { defaultChartPick, pickToVisualization, reconcilePick, yCandidates } from './chart-pick';
import type { ChartColumn } from './chart-types';

const byState: ChartColumn[] = [
  { name: 'State', type: 'string' },
  { name: 'count_', type: 'long' },
];
const overTime: ChartColumn[] = [
  { name: 'StartTime', type: 'datetime' },
  { name: 'EventType', type: 'string' },
  { name: 'n', type: 'long' },
];

describe('chart builder picks', () => {
  it('offers a default from the column types', () => {
    expect(defaultChartPick(byState)).toEqual({
      kind: 'columnchart',
      x: 'State',
      ys: ['count_'],
      series: null,
      stack: 'unstacked',
    });
    expect(defaultChartPick(overTime)).toMatchObject({
      kind: 'timechart',
      x: 'StartTime',
      ys: ['n'],
      series: 'EventType',
    });
    expect(defaultChartPick([{ name: 'State', type: 'string' }])).toBeNull();
  });

  it('keeps a remembered pick while the columns fit it, else starts over', () => {
    const pick = {
      kind: 'barchart' as const,
      x: 'State',
      ys: ['count_'],
      series: 'Gone',
      stack: 'stacked' as const,
    };
    expect(reconcilePick(pick, byState)).toEqual({ ...pick, series: null });
    expect(reconcilePick({ ...pick, x: 'Region' }, byState)?.kind).toBe('columnchart');
    expect(reconcilePick(null, overTime)?.kind).toBe('timechart');
  });

  it('turns a pick into render properties; "no series" draws one series', () => {
    const v = pickToVisualization({
      kind: 'columnchart',
      x: 'StartTime',
      ys: ['n'],
      series: null,
      stack: 'stacked100',
    });
    expect(v).toMatchObject({
      visualization: 'columnchart',
      xColumn: 'StartTime',
      yColumns: ['n'],
      series: [],
      kind: 'stacked100',
    });
    const data = buildChartData(
      overTime,
      [
        [Date.UTC(2007, 0, 1), 'Hail', 3],
        [Date.UTC(2007, 0, 1), 'Flood', 1],
      ],
      v,
    );
    if ('problem' in data || data.shape !== 'category') throw new Error('expected columns');
    expect(data.series).toHaveLength(1);
    // Stacking only where the render docs define it.
    expect(
      pickToVisualization({ kind: 'linechart', x: 'a', ys: ['b'], series: null, stack: 'stacked' })
        .kind,
    ).toBeNull();
  });

  it('offers numeric and dynamic (make-series) columns for y', () => {
    expect(yCandidates([...overTime, { name: 'arr', type: 'dynamic' }]).map((c) => c.name)).toEqual(
      ['n', 'arr'],
    );
  });
});
