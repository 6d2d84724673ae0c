/** Long enough for a response to arrive on a busy machine; short enough not to be noticed much. */
const SIGN_IN_WINDOW_CLOSE_DELAY_MS = 400;

/**
 * Makes `win.close()` close the window `delayMs` later instead of at once.
 *
 * Why: MSAL's sign-in pages hand their result on and then close their own window at once. The
 * redirect bridge broadcasts the response (BroadcastChannel) and calls `window.close()`. The
 * popup relay posts to the frame and closes on the next turn. The window that waits for the
 * result polls every 500 ms for a closed window and reports `user_cancelled` when it finds one.
 * The message and the closing reach it by different paths through the browser, so on a loaded
 * machine the poll can see the window gone before the response arrives. A CI run on 2 cores did
 * this (2026-12-07): the sign-in had succeeded and the frame said "Sign-in failed:
 * user_cancelled". Closing a little later keeps the order. The user sees the finished window
 * for that long.
 */
export function deferWindowClose(
  win: Pick<Window, 'close'>,
  delayMs = SIGN_IN_WINDOW_CLOSE_DELAY_MS,
): void {
  const closeNow = win.close.bind(win);
  let scheduled = false;
  win.close = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(closeNow, delayMs);
  };
}
