import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { chunkedBody } from '../query/test-support/fake-fetch';
import { fixture, v2Fixtures } from '../kusto/test-support/fixtures';
import { createInProcessResultEngine } from './result-engine';

/**
 * Keep and restore through the worker protocol, on recorded responses: the worker writes the
 * parsed columns, a new engine (a reload) serves the same rows without a body.
 */
describe('kept results through the result engine', () => {
  it.each(['python-deft.json', 'python-progressive_result.json', 'python-dynamic.json'])(
    '%s reads back with the same rows after a reload',
    async (name) => {
      const workspace = `kept-${name}`;
      const engine = createInProcessResultEngine();
      const session = engine.open('v2', chunkedBody(fixture(v2Fixtures, name), 400));
      const outcome = await session.done;
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const kept = await session.keep(workspace, {
        id: `req-${name}`,
        tabId: 'tab-1',
        savedAt: 1,
        startedAt: 0,
        durationMs: 1,
        text: 'T',
        preview: false,
        rowCount: 0,
        connectionLabel: 'c',
        problem: null,
      });
      expect(kept.status).toBe('kept');

      const reloaded = createInProcessResultEngine();
      const list = await reloaded.listKept(workspace, 'tab-1');
      expect(list.ok && list.kept.map((k) => k.id)).toEqual([`req-${name}`]);
      const restored = reloaded.restore(workspace, `req-${name}`);
      const back = await restored.done;
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.summary.primaryTableIds).toEqual(outcome.summary.primaryTableIds);
      for (const id of outcome.summary.primaryTableIds) {
        const rows = outcome.summary.tables.find((t) => t.id === id)!.rowCount;
        const before = await session.getRows({ tableId: id, start: 0, end: rows });
        const after = await restored.getRows({ tableId: id, start: 0, end: rows });
        expect(after.rows).toEqual(before.rows);
        expect(after.tableComplete).toBe(true);
      }
      expect(back.summary.stats).toEqual(outcome.summary.stats);
      expect(back.summary.visualizations).toEqual(outcome.summary.visualizations);
    },
  );

  it('a missing kept result fails its session with a note (nothing is sent)', async () => {
    const engine = createInProcessResultEngine();
    const outcome = await engine.restore('kept-none', 'no-such-id').done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.failure.message).toMatch(/no longer there/);
  });
});
