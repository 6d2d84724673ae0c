import { AuthErrorPanel } from './auth-error-panel';
import './landing-view.css';

interface LandingViewProps {
  onSignIn: () => void;
  error: unknown;
}

/** Signed out: say what Quarry is and offer one button. No automatic redirect. */
export function LandingView({ onSignIn, error }: LandingViewProps) {
  return (
    <main className="landing" id="main">
      <div className="landing__card">
        <h1 className="landing__title">Quarry</h1>
        <p className="landing__lead">
          Query Azure Data Explorer clusters and Application Insights with KQL. Sign in with your
          Microsoft Entra ID account to start.
        </p>
        {error !== null && error !== undefined ? (
          <AuthErrorPanel error={error} onSignInAgain={onSignIn} />
        ) : (
          <button type="button" className="button button--primary button--large" onClick={onSignIn}>
            Sign in
          </button>
        )}
      </div>
    </main>
  );
}
