/**
 * Which origin Quarry's messages to the embedding page go to. Never '*': a token request names
 * the scope, and a page that navigated the frame's parent elsewhere must not receive it.
 */
export type HostOriginVerdict = { ok: true; origin: string } | { ok: false; reason: string };

export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function isAllowedHostOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => normalizeOrigin(entry) === origin);
}

export function resolveHostOrigin(input: {
  referrer: string;
  hostOriginParameter: string | null;
  allowed: readonly string[];
}): HostOriginVerdict {
  const fromReferrer = input.referrer ? normalizeOrigin(input.referrer) : null;
  if (fromReferrer && isAllowedHostOrigin(fromReferrer, input.allowed)) {
    return { ok: true, origin: fromReferrer };
  }
  const fromParameter = input.hostOriginParameter
    ? normalizeOrigin(input.hostOriginParameter)
    : null;
  if (fromParameter && isAllowedHostOrigin(fromParameter, input.allowed)) {
    return { ok: true, origin: fromParameter };
  }
  const seen = [fromReferrer, fromParameter].filter((value): value is string => value !== null);
  return {
    ok: false,
    reason:
      input.allowed.length === 0
        ? 'config.json lists no embedding.allowedHostOrigins, so no page may provide tokens to Quarry.'
        : `the embedding page's origin${seen.length ? ` (${seen.join(', ')})` : ''} is not in embedding.allowedHostOrigins of config.json, and no f-HostOrigin parameter names an allowed origin.`,
  };
}
