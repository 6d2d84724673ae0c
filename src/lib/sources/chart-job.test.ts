import { describe, expect, it } from 'vitest';
import { buildChartData } from '../chart-data/build-chart-data';
import { fixture, v2Fixtures } from '../kusto/test-support/fixtures';
import { NO_RENDER_PROPERTIES } from '../result-model';
import { createInProcessResultEngine } from './result-engine';
import { chunkedBody } from '../query/test-support/fake-fetch';

const timechart = {
  ...NO_RENDER_PROPERTIES,
  visualization: 'timechart',
  xColumn: 'StartTime',
  yColumns: ['DamageProperty'],
  series: ['State'],
};

async function loadedStormEvents() {
  const engine = createInProcessResultEngine({ updateIntervalMs: 0 });
  const session = engine.open(
    'v2',
    chunkedBody(fixture(v2Fixtures, 'python-progressive_result.json'), 500),
    () => undefined,
  );
  expect((await session.done).ok).toBe(true);
  return session;
}

describe('the chart job (series shaped where the rows are)', () => {
  it('gives the chart that buildChartData makes from the same rows on the page', async () => {
    const session = await loadedStormEvents();
    const table = session.latest()!.tables.find((t) => t.id === 1)!;
    const { rows } = await session.getRows({ tableId: 1, start: 0, end: table.rowCount });
    const expected = buildChartData(
      table.columns.map((c) => ({ name: c.name, type: c.type })),
      rows.map((r) => r.cells),
      timechart,
    );

    const shaped = await session.runJob({
      kind: 'chart',
      tableId: 1,
      visualization: timechart,
      rowLimit: 1_000_000,
    });

    expect('problem' in expected).toBe(false);
    expect(shaped).toEqual(expected);
    expect(shaped).toMatchObject({ kind: 'timechart', shape: 'xy', xName: 'StartTime' });
  });

  it('reads only the first rowLimit rows', async () => {
    const session = await loadedStormEvents();
    const table = session.latest()!.tables.find((t) => t.id === 1)!;
    const { rows } = await session.getRows({ tableId: 1, start: 0, end: 2 });
    const firstTwo = buildChartData(
      table.columns.map((c) => ({ name: c.name, type: c.type })),
      rows.map((r) => r.cells),
      timechart,
    );

    const shaped = await session.runJob({
      kind: 'chart',
      tableId: 1,
      visualization: timechart,
      rowLimit: 2,
    });

    expect(shaped).toEqual(firstTwo);
    expect(table.rowCount).toBeGreaterThan(2);
  });

  it('says why when the result cannot be drawn, and fails for a table it does not have', async () => {
    const session = await loadedStormEvents();
    await expect(
      session.runJob({
        kind: 'chart',
        tableId: 1,
        visualization: { ...timechart, xColumn: 'NoSuchColumn', yColumns: ['NoSuchColumn'] },
        rowLimit: 10,
      }),
    ).resolves.toHaveProperty('problem');
    await expect(
      session.runJob({ kind: 'chart', tableId: 99, visualization: timechart, rowLimit: 10 }),
    ).rejects.toThrow(/no table 99/);
  });
});
