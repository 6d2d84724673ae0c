import { describeAuthError } from '../../../lib/auth/describe-auth-error';
import { InteractionBlockedError } from '../../../lib/auth/token-errors';

interface AuthErrorPanelProps {
  error: unknown;
  onSignInAgain: () => void;
}

/** A sign-in failure: the code, what it means, what to do, and the ids support will ask for. */
export function AuthErrorPanel({ error, onSignInAgain }: AuthErrorPanelProps) {
  const blocked = error instanceof InteractionBlockedError;
  const description = describeAuthError(blocked ? error.cause : error);
  return (
    <section className="error-panel" role="alert" aria-labelledby="auth-error-title">
      <h2 id="auth-error-title">Sign-in failed: {description.code}</h2>
      <p className="error-panel__message">{description.message}</p>
      <dl className="error-panel__facts">
        <dt>What it means</dt>
        <dd>{description.meaning}</dd>
        <dt>What to do</dt>
        <dd>{description.fix}</dd>
        {blocked && (
          <>
            <dt>Why no automatic retry</dt>
            <dd>
              Quarry already redirected you once for this and it failed again, so it stopped to
              avoid a loop.
            </dd>
          </>
        )}
        {description.correlationId && (
          <>
            <dt>Correlation ID</dt>
            <dd>
              <code>{description.correlationId}</code>
            </dd>
          </>
        )}
        {description.traceId && (
          <>
            <dt>Trace ID</dt>
            <dd>
              <code>{description.traceId}</code>
            </dd>
          </>
        )}
        {description.timestamp && (
          <>
            <dt>Time</dt>
            <dd>{description.timestamp}</dd>
          </>
        )}
      </dl>
      <button type="button" className="button button--primary" onClick={onSignInAgain}>
        Sign in again
      </button>
    </section>
  );
}
