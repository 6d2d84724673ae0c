import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { deferWindowClose } from './lib/auth/deferred-close';

// The bridge closes this window right after broadcasting the response: later, so the waiting
// window gets the response before it can see this one closed (see deferred-close.ts).
deferWindowClose(window);

// Hands the auth response to the window that started the request (popup, hidden iframe) or,
// for a full-page redirect, stores it and navigates back to the page the user started on.
broadcastResponseToMainFrame().catch((error: unknown) => {
  document.body.textContent = `Sign-in could not complete: ${String(error)}. Close this window and try again.`;
});
