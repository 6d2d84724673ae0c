/**
 * Contoso Portal: an example page that embeds Quarry in an iframe and provides its tokens.
 *
 * It signs the user in with its OWN app registration (MSAL), embeds Quarry with
 * `f-IFrameAuth=true`, and answers Quarry's `{signature: "queryExplorer", type: "getToken", scope}` messages with
 * `{type: "postToken", message: <access token>, scope}` — only for messages from the Quarry frame
 * on Quarry's origin, posted to Quarry's exact origin (never "*"), and only for the scopes it
 * means to hand out: "query" (the embedded cluster) and the ones listed in `extraScopes`. A
 * frame asking for anything else (say Microsoft Graph) gets nothing.
 *
 * Settings come from ./portal-settings.json (see README, "Embed it"). Page parameters, for trying
 * things out: ?mode=self-sign-in (Quarry signs in itself, in a popup), ?answer=never (a host that
 * never answers), ?answer=not-first (a host that misses Quarry's first token request and answers
 * the ones after it), ?foreign=<url> (also loads a page from another origin beside Quarry),
 * ?pin=params (pin with cluster=&database= instead of the /clusters/…/databases/… path).
 */
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-browser';
import { allowedEntraScope } from './portal-scopes';

interface PortalSettings {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  /** Where Quarry is deployed, e.g. https://quarry.contoso.com */
  quarryUrl: string;
  /** The cluster and database the portal pins Quarry to; "query" tokens are for this cluster. */
  cluster: string;
  database: string;
  /** Entra scopes besides "query" the portal will mint for Quarry, e.g. App Insights'. */
  extraScopes?: string[];
}

const params = new URLSearchParams(window.location.search);
const mode = params.get('mode') === 'self-sign-in' ? 'self-sign-in' : 'host-tokens';
const status = document.getElementById('portal-status')!;
const signInButton = document.getElementById('portal-sign-in') as HTMLButtonElement;

async function main(): Promise<void> {
  const settings = (await (await fetch('./portal-settings.json')).json()) as PortalSettings;
  const quarryOrigin = new URL(settings.quarryUrl).origin;

  if (mode === 'self-sign-in') {
    status.textContent = 'Quarry signs in by itself';
    embedQuarry(settings, {});
    return;
  }

  const msal = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      knownAuthorities: settings.knownAuthorities,
      redirectUri: new URL('./redirect.html', window.location.href).href,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const redirect = await msal.handleRedirectPromise();
  const account: AccountInfo | null = redirect?.account ?? msal.getAllAccounts()[0] ?? null;
  if (!account) {
    status.textContent = 'Not signed in';
    signInButton.hidden = false;
    signInButton.onclick = () => void msal.loginRedirect({ scopes: [] });
    return;
  }
  msal.setActiveAccount(account);
  status.textContent = `Signed in as ${account.name ?? account.username}`;

  // Pinned by path, as the official ADX embedding sample loads the web UI:
  // <quarry>/clusters/<cluster>/databases/<db>?f-IFrameAuth=true… (?pin=params: cluster=&database=).
  const pinByPath = params.get('pin') !== 'params';
  const frame = embedQuarry(
    settings,
    {
      'f-IFrameAuth': 'true',
      'f-UseMeControl': 'false',
      'f-ShowShareMenu': 'false',
      ...(pinByPath ? {} : { cluster: settings.cluster, database: settings.database }),
      workspace: 'contoso-portal',
    },
    pinByPath ? clusterPath(settings.cluster, settings.database) : '',
  );

  let missedFirst = false;
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== quarryOrigin) return;
    const data = event.data as { signature?: unknown; type?: unknown; scope?: unknown } | null;
    // As the ADX iframe docs had hosts check (2023–2025): Quarry's requests carry the signature.
    if (data?.signature !== 'queryExplorer' || data.type !== 'getToken') return;
    if (typeof data.scope !== 'string') return;
    if (params.get('answer') === 'never') return;
    if (params.get('answer') === 'not-first' && !missedFirst) {
      missedFirst = true;
      return;
    }
    const scope = data.scope;
    const entraScope = allowedEntraScope(scope, settings);
    if (entraScope === null) {
      console.warn(`Contoso Portal: refused a token for "${scope}" (not in its allow-list).`);
      return;
    }
    void tokenFor(msal, account, entraScope).then((token) =>
      frame.contentWindow?.postMessage({ type: 'postToken', message: token, scope }, quarryOrigin),
    );
  });

  const foreign = params.get('foreign');
  if (foreign) {
    const other = document.createElement('iframe');
    other.title = 'Another site';
    other.src = foreign;
    document.getElementById('foreign-slot')!.append(other);
  }
}

/** `clusters/<host, or the whole URL percent-encoded>/databases/<db>`, relative to Quarry's URL. */
function clusterPath(cluster: string, database: string): string {
  const url = new URL(cluster);
  const segment =
    url.protocol === 'https:' && !url.port ? url.host : encodeURIComponent(url.origin);
  return `clusters/${segment}/databases/${encodeURIComponent(database)}`;
}

function embedQuarry(
  settings: PortalSettings,
  flags: Record<string, string>,
  path = '',
): HTMLIFrameElement {
  const url = new URL(path, settings.quarryUrl);
  for (const [name, value] of Object.entries(flags)) url.searchParams.set(name, value);
  const frame = document.createElement('iframe');
  frame.title = 'Quarry';
  frame.name = 'quarry';
  frame.src = url.href;
  document.getElementById('quarry-slot')!.append(frame);
  return frame;
}

async function tokenFor(
  msal: PublicClientApplication,
  account: AccountInfo,
  scope: string,
): Promise<string> {
  try {
    return (await msal.acquireTokenSilent({ scopes: [scope], account })).accessToken;
  } catch (error) {
    if (!(error instanceof InteractionRequiredAuthError)) throw error;
    return (await msal.acquireTokenPopup({ scopes: [scope], account })).accessToken;
  }
}

main().catch((error: unknown) => {
  status.textContent = `The portal could not start: ${String(error)}`;
});
