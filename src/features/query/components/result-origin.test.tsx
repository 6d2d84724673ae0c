import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { QueryError } from '../../../lib/query-errors';
import type { DataSetSummary } from '../../../lib/result-model';
import type { RunState } from '../run-state';
import { previewExplainsProblem, ResultOrigin } from './result-origin';

type DoneRun = Extract<RunState, { status: 'done' }>;

const summary = {
  source: 'kusto-v2',
  tables: [],
  primaryTableIds: [],
  visualizations: {},
  extendedProperties: [],
  stats: null,
  issues: [],
  header: null,
  completion: null,
  complete: true,
} satisfies DataSetSummary;

const truncated: QueryError = {
  kind: 'truncated',
  title: 'Results truncated',
  cause: 'limit of 50 records',
  fix: '',
  requestId: 'r',
  activityId: null,
  detail: '',
};

function done(extra: Partial<DoneRun>): DoneRun {
  return {
    status: 'done',
    requestId: 'r',
    startedAt: 0,
    durationMs: 1,
    summary,
    session: {
      getRows: () => Promise.reject(new Error('unused')),
      runJob: () => Promise.reject(new Error('unused')),
    },
    problem: null,
    ...extra,
  };
}

describe('the line above a result', () => {
  it('says nothing for a plain fresh run', () => {
    expect(renderToStaticMarkup(<ResultOrigin run={done({})} />)).toBe('');
  });

  it('a preview says so, and its truncation replaces the warning', () => {
    const run = done({ preview: true, problem: truncated });
    expect(renderToStaticMarkup(<ResultOrigin run={run} />)).toContain(
      'Preview: first 50 rows. The query returns more; Run shows all of them.',
    );
    expect(previewExplainsProblem(run)).toBe(true);
    // Any other problem beside a preview is still shown as a warning.
    expect(
      previewExplainsProblem(done({ preview: true, problem: { ...truncated, kind: 'partial' } })),
    ).toBe(false);
    expect(previewExplainsProblem(done({ problem: truncated }))).toBe(false);
  });

  it('a recalled or reloaded result says it is not a fresh run', () => {
    const recalled = renderToStaticMarkup(
      <ResultOrigin run={done({ kept: { reason: 'recall', savedAt: Date.now(), text: 'T' } })} />,
    );
    expect(recalled).toMatch(/Recalled result from .*not a fresh run/);
    const reloaded = renderToStaticMarkup(
      <ResultOrigin run={done({ kept: { reason: 'reload', savedAt: Date.now(), text: 'T' } })} />,
    );
    expect(reloaded).toContain('shown after the reload without running the query again');
  });

  it('a result too big to keep says how big, in one line', () => {
    const html = renderToStaticMarkup(
      <ResultOrigin run={done({ keepOutcome: { status: 'too-big', bytes: 412 * 1024 * 1024 } })} />,
    );
    expect(html).toContain('This result (412 MB) is too big to keep across reloads');
    const failed = renderToStaticMarkup(
      <ResultOrigin
        run={done({ keepOutcome: { status: 'failed', message: 'storage for this site is full' } })}
      />,
    );
    expect(failed).toContain('storage for this site is full');
  });
});
