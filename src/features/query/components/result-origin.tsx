import { formatBytes, KEPT_RESULT_MAX_BYTES } from '../../../lib/query/result-store';
import { PREVIEW_ROW_LIMIT } from '../../../lib/kql-text/preview-query';
import type { RunState } from '../run-state';
import { describeKeptTime } from './recall-menu';
import './recall-menu.css';

type DoneRun = Extract<RunState, { status: 'done' }>;

/** A preview's truncation is what was asked for: the preview line says so instead of a warning. */
export function previewExplainsProblem(run: DoneRun): boolean {
  return run.preview === true && run.problem?.kind === 'truncated';
}

/**
 * One line each above a result about where it comes from: a preview (50 rows), a kept result
 * shown after a reload or recalled (not a fresh run), and whether it could be kept for reloads.
 */
export function ResultOrigin({ run }: { run: DoneRun }) {
  const lines: { key: string; text: string }[] = [];
  if (run.kept) {
    const when = describeKeptTime(run.kept.savedAt);
    lines.push({
      key: 'kept',
      text:
        run.kept.reason === 'recall'
          ? `Recalled result from ${when}, kept in this browser: not a fresh run. Run the query to refresh it.`
          : `Kept result from ${when}, shown after the reload without running the query again. Run it to refresh.`,
    });
  }
  if (run.preview) {
    lines.push({
      key: 'preview',
      text: previewExplainsProblem(run)
        ? `Preview: first ${PREVIEW_ROW_LIMIT} rows. The query returns more; Run shows all of them.`
        : `Preview: first ${PREVIEW_ROW_LIMIT} rows.`,
    });
  }
  const keep = run.keepOutcome;
  if (keep?.status === 'too-big') {
    lines.push({
      key: 'keep',
      text: `This result (${formatBytes(keep.bytes)}) is too big to keep across reloads (the limit is ${formatBytes(KEPT_RESULT_MAX_BYTES)}); after a reload, run it again.`,
    });
  } else if (keep?.status === 'failed') {
    lines.push({ key: 'keep', text: keep.message });
  }
  if (lines.length === 0) return null;
  return (
    <div className="result-origin" role="status">
      {lines.map((line) => (
        <div key={line.key}>{line.text}</div>
      ))}
    </div>
  );
}
