import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../lib/query-history';
import type { HistoryState } from '../history-controller';
import { HistoryPanelView } from './history-panel';

const entry: HistoryEntry = {
  id: 'e1',
  text: '<b>StormEvents</b>\n| count',
  connection: { kind: 'kusto', clusterUrl: 'https://help.kusto.windows.net', database: 'Samples' },
  database: 'Samples',
  startedAt: new Date(2025, 0, 1, 12, 0, 0).getTime(),
  durationMs: 1500,
  rowCount: 1,
  outcome: 'error',
  errorMessage: 'Semantic error: <script>',
  requestId: 'KD2RunQuery;1',
};

function render(state: Partial<HistoryState>): string {
  return renderToStaticMarkup(
    <HistoryPanelView
      state={{ status: 'ready', entries: [], search: '', warning: null, error: null, ...state }}
      controller={{
        setSearch: () => {},
        clear: () => Promise.resolve(),
        remove: () => Promise.resolve(),
        dismissError: () => {},
        dismissWarning: () => {},
        retry: () => Promise.resolve(),
      }}
      onOpen={() => {}}
      now={new Date(2025, 0, 1, 18, 0, 0).getTime()}
    />,
  );
}

describe('HistoryPanelView', () => {
  it('lists a run with outcome in words, time, duration and rows, as text only', () => {
    const html = render({ entries: [entry] });
    expect(html).toContain('>History</h2>');
    expect(html).toContain('&lt;b&gt;StormEvents&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('>Failed</span>');
    expect(html).toContain('>1.5 s</span>');
    expect(html).toContain('>1 row</span>');
    expect(html).toContain('help.kusto.windows.net · Samples');
    expect(html).toContain('aria-label="Remove from history: &lt;b&gt;StormEvents&lt;/b&gt;"');
  });

  it('shows a Prometheus run with its connection, query type, range and step', () => {
    const html = render({
      entries: [
        {
          ...entry,
          id: 'p1',
          text: 'sum by (route) (rate(http_requests_total[5m]))',
          connection: { kind: 'prometheus', endpoint: 'http://localhost:5185', auth: 'proxy' },
          database: null,
          outcome: 'ok',
          errorMessage: undefined,
          timeRange: { kind: 'relative', duration: 'PT1H' },
          promql: { type: 'range', step: '', ranStep: '15s' },
        },
      ],
    });
    expect(html).toContain('sum by (route) (rate(http_requests_total[5m]))');
    expect(html).toContain('Range query · Last hour · step 15s (auto)');
  });

  it('says when there are no runs, or none matching the search', () => {
    expect(render({})).toContain('No queries run yet.');
    expect(render({ search: 'zzz' })).toContain('No run matches “zzz”.');
  });
});
