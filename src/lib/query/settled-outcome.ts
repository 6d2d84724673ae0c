import {
  badResponseError,
  cancelledError,
  interruptedError,
  parseOneApiError,
  queryErrorFromIssue,
  type QueryError,
  type RequestContext,
} from '../query-errors';
import type { OutcomeBase, QueryOutcome } from './query-run';
import type { SessionOutcome } from './query-worker-client';

/**
 * A parsed session's outcome, the same for every source: a dropped stream, a body that was not
 * the expected format (often a proxy's JSON error), a result the service cancelled, or a result
 * with its partial-failure issues. `service` names the answering side in messages ("the cluster").
 */
export function outcomeFromSettled(
  settled: SessionOutcome,
  ctx: RequestContext,
  base: OutcomeBase,
  service: string,
): QueryOutcome {
  if (!settled.ok) {
    const { failure } = settled;
    const issues = distinctErrors(
      (settled.summary?.issues ?? []).map((issue) => queryErrorFromIssue(issue, ctx)),
    );
    if (failure.reason === 'stream') {
      return {
        status: 'failed',
        error: interruptedError(ctx.host ?? service, failure.message, ctx),
        issues,
        summary: settled.summary,
        ...base,
      };
    }
    // A JSON error object where a result should be (e.g. a proxy's answer).
    const parsed = failure.body === undefined ? null : parseOneApiError(failure.body);
    const message = parsed?.message
      ? `${failure.message} It says: ${parsed.message}`
      : failure.message;
    return {
      status: 'failed',
      error: badResponseError(message, failure.sample, ctx),
      issues,
      summary: settled.summary,
      ...base,
    };
  }
  const { summary } = settled;
  const issues = distinctErrors(summary.issues.map((issue) => queryErrorFromIssue(issue, ctx)));
  if (summary.completion?.cancelled) {
    const cancelled =
      issues.find((e) => e.kind === 'cancelled') ??
      cancelledError(ctx, `${capitalized(service)} cancelled the query.`);
    return { status: 'cancelled', error: cancelled, summary, ...base };
  }
  return { status: 'succeeded', summary, issues, ...base };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The same failure often arrives twice in different words (a OneApiError and a
 * QueryCompletionInformation row): one truncation or cancellation banner is enough.
 */
function distinctErrors(errors: QueryError[]): QueryError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key =
      error.kind === 'truncated' || error.kind === 'cancelled'
        ? error.kind
        : `${error.kind}|${error.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
