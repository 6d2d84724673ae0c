import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ConfigErrorPage } from './app/config-error-page';
import { loadRuntimeConfig } from './lib/config/load-runtime-config';
import { BEFORE_REDIRECT_EVENT } from './lib/auth/before-redirect-event';
import { createMsalInstance } from './lib/auth/create-msal-instance';
import { redirectLoopGuard } from './lib/auth/redirect-loop-guard';
import { TokenBroker } from './lib/auth/token-broker';
import { checkTokenTarget, createTrustedHostPolicy } from './lib/trusted-hosts';
import { applyThemePreference, readThemePreference } from './lib/theme/color-scheme';
import './app/app.css';

applyThemePreference(readThemePreference());

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element.');
  const root = createRoot(container);

  const loaded = await loadRuntimeConfig();
  if (!loaded.ok) {
    root.render(<ConfigErrorPage problems={loaded.problems} />);
    return;
  }
  const { config } = loaded;

  // One PublicClientApplication for the page, initialized before React renders.
  const instance = createMsalInstance(config.auth);
  await instance.initialize();

  // Handle the redirect response exactly once here; MsalProvider's own call gets the cached result.
  let redirectError: unknown = null;
  try {
    const result = await instance.handleRedirectPromise();
    if (result) {
      instance.setActiveAccount(result.account);
      redirectLoopGuard.clear();
    }
  } catch (error) {
    redirectError = error;
  }
  if (!instance.getActiveAccount()) {
    const [first] = instance.getAllAccounts();
    if (first) instance.setActiveAccount(first);
  }

  const policy = createTrustedHostPolicy({ extraHosts: config.trustedHosts });
  const broker = new TokenBroker({
    instance,
    checkTarget: (url) => {
      const verdict = checkTokenTarget(url, policy);
      return verdict.ok ? { ok: true, resource: verdict.resource } : verdict;
    },
    embedded: window.self !== window.top,
    beforeRedirect: () => window.dispatchEvent(new Event(BEFORE_REDIRECT_EVENT)),
  });

  root.render(
    <App config={config} instance={instance} broker={broker} redirectError={redirectError} />,
  );
}

void boot();
