import type { CompletionStats } from '../../../lib/result-model';
import { describeQueryStats } from '../query-stats';
import './query-stats-view.css';

/** The Stats tab: what the server measured for this run (text only). */
export function QueryStatsView({ stats }: { stats: CompletionStats | null }) {
  const rows = stats ? describeQueryStats(stats) : [];
  if (rows.length === 0) {
    return (
      <p className="results__notice">
        The server sent no statistics for this query (App Insights and some responses have none).
      </p>
    );
  }
  return (
    <div className="query-stats" role="tabpanel" aria-label="Query statistics">
      <dl className="query-stats__list">
        {rows.map((row) => (
          <div key={row.label} className="query-stats__item">
            <dt>{row.label}</dt>
            <dd>
              <span className="query-stats__value">{row.value}</span>
              {row.detail && <span className="query-stats__detail">{row.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
