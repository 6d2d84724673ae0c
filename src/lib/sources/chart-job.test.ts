import { describe, expect, it } from 'vitest';
import { buildChartData } from '../chart-data/build-chart-data';
import { NO_RENDER_PROPERTIES } from '../result-model';
import { loadedStormEvents } from './test-support/loaded-storm-events';

const timechart = {
  ...NO_RENDER_PROPERTIES,
  visualization: 'timechart',
  xColumn: 'StartTime',
  yColumns: ['DamageProperty'],
  series: ['State'],
};

type Session = Awaited<ReturnType<typeof loadedStormEvents>>;

/** What the page made before the job: buildChartData over the table's first `end` rows. */
async function chartOnPage(session: Session, end: number) {
  const table = session.latest()!.tables.find((t) => t.id === 1)!;
  const { rows } = await session.getRows({ tableId: 1, start: 0, end });
  return buildChartData(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows.map((r) => r.cells),
    timechart,
  );
}

describe('the chart job (series shaped where the rows are)', () => {
  it('gives the chart that buildChartData makes from the same rows on the page', async () => {
    const session = await loadedStormEvents();
    const table = session.latest()!.tables.find((t) => t.id === 1)!;
    const expected = await chartOnPage(session, table.rowCount);

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
    const firstTwo = await chartOnPage(session, 2);

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
