import type { SignInOptions } from '../../lib/auth/token-broker';
import { isShareLink, readLinkTarget } from '../../lib/share-link';

/**
 * A deep link's `login_hint` and `tenant` (ADX: "To instruct Kusto.WebExplorer to sign-in a user
 * from another Microsoft Entra tenant, specify login_hint and tenant"), for the sign-in button.
 */
export function signInHintsOf(href: string): Pick<SignInOptions, 'loginHint' | 'tenant'> {
  if (!isShareLink(href)) return {};
  try {
    const { loginHint, tenant } = readLinkTarget(href);
    return { ...(loginHint ? { loginHint } : {}), ...(tenant ? { tenant } : {}) };
  } catch {
    // A broken link says why once the workspace reads it; sign-in goes on without hints.
    return {};
  }
}
