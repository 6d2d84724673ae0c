import { useEffect, useState } from 'react';
import type { RunState } from '../run-state';
import './run-status-line.css';

/** Row count, duration, server time and the request id support will ask for. */
export function RunStatusLine({
  run,
  context,
}: {
  run: Exclude<RunState, { status: 'idle' }>;
  context?: string;
}) {
  const elapsed = useElapsed(run.status === 'running' ? run.startedAt : null);
  const parts: string[] = [];
  if (run.status === 'running' || run.status === 'done') {
    const primary =
      run.summary?.tables.filter((t) => run.summary?.primaryTableIds.includes(t.id)) ?? [];
    const rows = primary.reduce((sum, table) => sum + table.rowCount, 0);
    if (run.summary) parts.push(`${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`);
    if (primary.length > 1) parts.push(`${primary.length} tables`);
  }
  if (run.status === 'running') parts.push(`running ${formatSeconds(elapsed)}`);
  else parts.push(formatSeconds(run.durationMs));
  if (run.status === 'done' && run.summary.stats?.executionTimeSec != null) {
    parts.push(`server ${run.summary.stats.executionTimeSec.toFixed(3)} s`);
  }
  if (context) parts.push(context);
  if (run.status === 'cancelled') parts.unshift('Cancelled');
  if (run.status === 'failed') parts.unshift('Failed');

  return (
    <div className="run-status" role="status">
      <span>{parts.join(' · ')}</span>
      {run.requestId && (
        <span className="run-status__request">
          Request ID <code>{run.requestId}</code>
        </span>
      )}
    </div>
  );
}

function useElapsed(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 100);
    return () => window.clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, now - startedAt);
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
