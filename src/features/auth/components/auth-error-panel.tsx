import { describeAuthError } from '../../../lib/auth/describe-auth-error';
import { InteractionBlockedError } from '../../../lib/auth/token-errors';

interface AuthErrorPanelProps {
  error: unknown;
  onSignInAgain: () => void;
  /**
   * f-IFrameAuth: the page embedding Quarry provides every token and Quarry never signs in, so
   * the button asks that page again (by running the query again) instead of signing in.
   */
  tokensFromHost?: boolean;
}

const HOST_TOKEN_ADVICE = {
  meaning:
    'Quarry runs inside another page that provides its access tokens, and that page gave none for this request.',
  fix: 'Ask the portal again. If it keeps failing, reload the page, or tell whoever runs the page embedding Quarry.',
};

/** A sign-in failure: the code, what it means, what to do, and the ids support will ask for. */
export function AuthErrorPanel({
  error,
  onSignInAgain,
  tokensFromHost = false,
}: AuthErrorPanelProps) {
  const blocked = error instanceof InteractionBlockedError;
  const description = describeAuthError(blocked ? error.cause : error);
  const advice = tokensFromHost ? HOST_TOKEN_ADVICE : description;
  return (
    <section className="error-panel" role="alert" aria-labelledby="auth-error-title">
      <h2 id="auth-error-title">
        {tokensFromHost
          ? 'No access token from the embedding page'
          : `Sign-in failed: ${description.code}`}
      </h2>
      <p className="error-panel__message">{description.message}</p>
      <dl className="error-panel__facts">
        <dt>What it means</dt>
        <dd>{advice.meaning}</dd>
        <dt>What to do</dt>
        <dd>{advice.fix}</dd>
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
        {tokensFromHost ? 'Ask the portal again' : 'Sign in again'}
      </button>
    </section>
  );
}
