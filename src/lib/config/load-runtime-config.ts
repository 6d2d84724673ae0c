import { parseRuntimeConfig, type ConfigParseResult } from './runtime-config-schema';

export type LoadConfigResult =
  ConfigParseResult | { ok: false; problems: [{ field: string; message: string }] };

/** Fetches /config.json at start (not baked into the build) and validates it. */
export async function loadRuntimeConfig(url = '/config.json'): Promise<LoadConfigResult> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache', headers: { Accept: 'application/json' } });
  } catch (error) {
    return fileProblem(`could not be fetched (${String(error)}). Check that the site serves it.`);
  }
  if (!response.ok) {
    return fileProblem(
      `answered HTTP ${response.status}. Deploy a config.json beside index.html (see README, "Point Quarry at your tenant").`,
    );
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch (error) {
    return fileProblem(`is not valid JSON (${(error as Error).message}).`);
  }
  return parseRuntimeConfig(raw);
}

function fileProblem(message: string): LoadConfigResult {
  return { ok: false, problems: [{ field: 'config.json', message }] };
}
