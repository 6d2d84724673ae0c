// First: configures zod before any module defines a schema (see the file).
import './lib/config/zod-jitless';
import { runPopupRelay } from '@azure/msal-browser/popup-relay';
import { loadRuntimeConfig } from './lib/config/load-runtime-config';
import { POPUP_RELAY_TIMEOUT_MS, relayAuthorityOrigins } from './lib/auth/popup-relay';
import { deferWindowClose } from './lib/auth/deferred-close';
import './sign-in-windows.css';

// The relay posts the response to the frame and then closes this window: later, so the frame
// gets the response before its poll can see this window closed (see deferred-close.ts).
deferWindowClose(window);

const button = document.getElementById('continue') as HTMLButtonElement;
const status = document.getElementById('status') as HTMLParagraphElement;

function fail(message: string): void {
  button.hidden = true;
  status.textContent = message;
}

async function prepare(): Promise<void> {
  if (!window.opener) {
    fail(
      'This window is opened by Quarry when it runs inside another site, to sign you in there. ' +
        'Opened on its own it has nothing to do: close it and use Sign in in Quarry.',
    );
    return;
  }
  const loaded = await loadRuntimeConfig();
  if (!loaded.ok) {
    const problems = loaded.problems.map((p) => `${p.field} ${p.message}`).join('; ');
    fail(`Quarry's config.json is not usable: ${problems}. Close this window.`);
    return;
  }
  const allowedAuthorityOrigins = relayAuthorityOrigins(loaded.config.auth);
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = '';
    try {
      // Opens the sign-in window now, inside this click's user activation (no pop-up blocker).
      runPopupRelay({
        protocolVersion: 2,
        allowedAuthorityOrigins,
        timeoutMs: POPUP_RELAY_TIMEOUT_MS,
      });
    } catch (error) {
      fail(`Sign-in could not start: ${String(error)}. Close this window and try again.`);
    }
  });
  button.disabled = false;
  button.focus();
}

void prepare();
