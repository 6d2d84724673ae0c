import type { QueryError } from '../../../lib/query-errors';

/** A failed (or partly failed) query: what happened, why, what to do, and the ids to quote. */
export function QueryErrorPanel({
  error,
  tone = 'error',
}: {
  error: QueryError;
  tone?: 'error' | 'warning';
}) {
  return (
    <section
      className={`error-panel${tone === 'warning' ? ' error-panel--warning' : ''}`}
      role="alert"
    >
      <h2>{error.title}</h2>
      <dl className="error-panel__facts">
        {error.position && (
          <>
            <dt>Where</dt>
            <dd>
              line {error.position.line}, column {error.position.column}
            </dd>
          </>
        )}
        {error.cause && (
          <>
            <dt>Why</dt>
            <dd>{error.cause}</dd>
          </>
        )}
        {error.fix && (
          <>
            <dt>What to do</dt>
            <dd>{error.fix}</dd>
          </>
        )}
        {error.httpStatus !== undefined && (
          <>
            <dt>HTTP status</dt>
            <dd>{error.httpStatus}</dd>
          </>
        )}
        {error.requestId && (
          <>
            <dt>Request ID</dt>
            <dd>
              <code>{error.requestId}</code>
            </dd>
          </>
        )}
        {error.activityId && (
          <>
            <dt>Activity ID</dt>
            <dd>
              <code>{error.activityId}</code>
            </dd>
          </>
        )}
      </dl>
      {error.detail && (
        <details className="error-panel__detail">
          <summary>Server message</summary>
          <pre>{error.detail}</pre>
        </details>
      )}
    </section>
  );
}
