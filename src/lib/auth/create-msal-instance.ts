import {
  BrowserCacheLocation,
  LogLevel,
  PublicClientApplication,
  type Configuration,
} from '@azure/msal-browser';
import { isFramedByAnotherOrigin, POPUP_RELAY_PAGE, POPUP_RELAY_TIMEOUT_MS } from './popup-relay';

export interface MsalSettings {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  redirectUri: string;
  postLogoutRedirectUri: string;
  cacheLocation: 'sessionStorage' | 'localStorage' | 'memoryStorage';
}

const cacheLocations = {
  sessionStorage: BrowserCacheLocation.SessionStorage,
  localStorage: BrowserCacheLocation.LocalStorage,
  memoryStorage: BrowserCacheLocation.MemoryStorage,
} as const;

/** Chromium denies a cross-site frame its sessionStorage; reading it then throws. */
export function storageIsUsable(kind: 'sessionStorage' | 'localStorage'): boolean {
  try {
    const storage = window[kind];
    const probe = '__quarry_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

export function buildMsalConfiguration(
  settings: MsalSettings,
  framedByAnotherOrigin = isFramedByAnotherOrigin(),
): Configuration {
  const origin = window.location.origin;
  const redirectUri = new URL(settings.redirectUri, origin).href;
  const wanted = settings.cacheLocation;
  // Fall back to memory where the browser refuses storage (a cross-site iframe): the cost is a
  // sign-in per page load, which the embedding docs state.
  const cacheLocation =
    wanted !== 'memoryStorage' && !storageIsUsable(wanted) ? 'memoryStorage' : wanted;
  return {
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      knownAuthorities: settings.knownAuthorities,
      redirectUri,
      postLogoutRedirectUri: new URL(settings.postLogoutRedirectUri, origin).href,
      // Inside another site's frame the popup's BroadcastChannel cannot reach us (partitioned):
      // sign-in and sign-out go through the relay page (see popup-relay.ts).
      ...(framedByAnotherOrigin
        ? {
            popupRelayUri: new URL(POPUP_RELAY_PAGE, redirectUri).href,
            popupRelayProtocolVersion: 2 as const,
          }
        : {}),
    },
    cache: { cacheLocation: cacheLocations[cacheLocation] },
    system: {
      ...(framedByAnotherOrigin ? { popupBridgeTimeout: POPUP_RELAY_TIMEOUT_MS } : {}),
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) console.error(`[msal] ${message}`);
        },
      },
    },
  };
}

export function createMsalInstance(settings: MsalSettings): PublicClientApplication {
  return new PublicClientApplication(buildMsalConfiguration(settings));
}
