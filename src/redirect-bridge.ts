import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// Hands the auth response to the window that started the request (popup, hidden iframe) or,
// for a full-page redirect, stores it and navigates back to the page the user started on.
broadcastResponseToMainFrame().catch((error: unknown) => {
  document.body.textContent = `Sign-in could not complete: ${String(error)}. Close this window and try again.`;
});
