import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useEffect, useState } from 'react';
import { AccountMenu } from '../features/auth/components/account-menu';
import { AuthErrorPanel } from '../features/auth/components/auth-error-panel';
import { ThemeToggle } from '../features/theme/theme-toggle';
import { LandingView } from '../features/auth/components/landing-view';
import { useTokenBroker } from '../features/auth/token-broker-context';
import { useEmbeddingFlags } from '../features/embedding/embedding-context';
import { EmbeddingNoticeBar } from '../features/embedding/embedding-notice-bar';
import { preloadQueryEditor } from '../features/editor/query-editor';
import { preloadResultGrid } from '../features/results/components/results-panel';
import { WorkspaceView } from '../features/workspace/components/workspace-view';
import { useRuntimeConfig } from '../lib/config/runtime-config-context';
import { signInHintsOf } from '../features/links/sign-in-hints';
import './app-shell.css';

export function AppShell({ redirectError }: { redirectError: unknown }) {
  const { instance, accounts, inProgress } = useMsal();
  const broker = useTokenBroker();
  const config = useRuntimeConfig();
  const flags = useEmbeddingFlags();
  const [signInError, setSignInError] = useState<unknown>(redirectError);
  // A deep link's login_hint and tenant go to the sign-in it leads to.
  const [linkHints] = useState(() => signInHintsOf(window.location.href));
  // The editor and grid are lazy chunks: fetch them while the user signs in or looks around.
  useEffect(() => {
    preloadQueryEditor();
    preloadResultGrid();
  }, []);
  const account = instance.getActiveAccount() ?? accounts[0] ?? null;

  const firstConnection = config.connections[0];
  const signInScopes = (() => {
    try {
      if (firstConnection?.kind === 'kusto')
        return [broker.scopeFor({ target: firstConnection.clusterUrl })];
    } catch {
      // An untrusted default connection gets its message when used; sign-in still works.
    }
    return [];
  })();

  const signIn = (selectAccount = false) => {
    setSignInError(null);
    broker
      .signIn(signInScopes, selectAccount ? { selectAccount } : linkHints)
      .catch((error: unknown) => setSignInError(error));
  };
  const signOut = () => {
    broker.signOut().catch((error: unknown) => setSignInError(error));
  };

  const starting =
    inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect;
  // f-IFrameAuth: the host signed the user in and provides tokens; Quarry shows no sign-in at all.
  const hostSignedIn = flags.iframeAuth;
  const showAccount = !hostSignedIn && flags.useMeControl;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {flags.showPageHeader && (
        <header className="app-header">
          <span className="app-header__brand">Quarry</span>
          <span className="app-header__spacer" />
          <ThemeToggle />
          {account && showAccount && (
            <AccountMenu
              account={account}
              onSignOut={signOut}
              onSwitchAccount={() => signIn(true)}
            />
          )}
        </header>
      )}
      <EmbeddingNoticeBar />
      {flags.workspaceProblem ? (
        <main className="app-banner" id="main">
          <p role="alert">{flags.workspaceProblem}</p>
        </main>
      ) : hostSignedIn ? (
        <WorkspaceView onSignInAgain={null} />
      ) : starting ? (
        <main className="app-loading" id="main" aria-busy="true">
          Signing in…
        </main>
      ) : account ? (
        <>
          {signInError !== null && signInError !== undefined && (
            <div className="app-banner">
              <AuthErrorPanel error={signInError} onSignInAgain={() => signIn()} />
            </div>
          )}
          <WorkspaceView onSignInAgain={() => signIn()} />
        </>
      ) : (
        <LandingView onSignIn={() => signIn()} error={signInError} />
      )}
    </div>
  );
}
