// First: configures zod before any module defines a schema (see the file).
import './lib/config/zod-jitless';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ConfigErrorPage } from './app/config-error-page';
import { loadRuntimeConfig } from './lib/config/load-runtime-config';
import { BEFORE_REDIRECT_EVENT } from './lib/auth/before-redirect-event';
import { createMsalInstance, storageIsUsable } from './lib/auth/create-msal-instance';
import { redirectLoopGuard } from './lib/auth/redirect-loop-guard';
import { TokenBroker } from './lib/auth/token-broker';
import { trustedHostPolicyFor } from './lib/config/trusted-host-policy-for-config';
import { checkTokenTarget } from './lib/trusted-hosts';
import { embeddingFlags } from './lib/embedding/embedding-flags';
import { createHostTokenProvider } from './lib/embedding/create-host-token-provider';
import { resolveHostOrigin } from './lib/embedding/resolve-host-origin';
import { createEmbeddingNoticeStore } from './features/embedding/embedding-notices';
import type { EmbeddingState } from './features/embedding/embedding-context';
import { applyThemePreference, readThemePreference } from './lib/theme/color-scheme';
// After the app's modules, so in the built stylesheet the tokens, base rules and shared classes
// come after every component's own file (see README, Development): keep it here.
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

  const parsedFlags = embeddingFlags();
  // Pinning by address is the embedder's tool: honoured only inside a frame whose page is on an
  // allowed origin. Anywhere else the same address is a link, which asks before it connects.
  const flags = {
    ...parsedFlags,
    pinned:
      parsedFlags.pinned &&
      resolveHostOrigin({
        referrer: document.referrer,
        hostOriginParameter: parsedFlags.hostOrigin,
        allowed: config.embedding.allowedHostOrigins,
      }).ok
        ? parsedFlags.pinned
        : null,
  };
  const notices = createEmbeddingNoticeStore();
  const wantedCache = config.auth.cacheLocation;
  const embedding: EmbeddingState = {
    flags,
    notices,
    memoryOnlySignIn:
      flags.framed && wantedCache !== 'memoryStorage' && !storageIsUsable(wantedCache),
  };
  // f-IFrameAuth: the embedding page provides every token; MSAL is never asked.
  const hostTokens = flags.iframeAuth
    ? createHostTokenProvider({ config, flags, onIgnoredToken: notices.add })
    : null;

  const policy = trustedHostPolicyFor(config);
  const broker = new TokenBroker({
    instance,
    checkTarget: (url, requestedResource) => {
      const verdict = checkTokenTarget(url, policy, requestedResource);
      return verdict.ok ? { ok: true, resource: verdict.resource } : verdict;
    },
    embedded: flags.framed,
    ...(hostTokens ? { acquire: hostTokens.acquire } : {}),
    beforeRedirect: () => window.dispatchEvent(new Event(BEFORE_REDIRECT_EVENT)),
  });

  root.render(
    <App
      config={config}
      trustedHosts={policy}
      instance={instance}
      broker={broker}
      embedding={embedding}
      redirectError={redirectError}
    />,
  );
}

void boot();
