/**
 * Recorded App Insights / Log Analytics exchanges from fixtures/recorded/appinsights
 * (see PROVENANCE.md there), in the test recorder's envelope `{Entries: [{…, ResponseBody}]}`.
 * Loaded through Vite's glob import; paths are relative to this file.
 */
const raw = import.meta.glob<string>('../../../../fixtures/recorded/appinsights/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface RecordedExchange {
  file: string;
  requestBody: unknown;
  requestHeaders: Record<string, string>;
  status: number;
  responseBody: unknown;
  /** The response body as bytes on the wire (re-serialised from the recording). */
  responseBytes: Uint8Array;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export const appInsightsFixtures: RecordedExchange[] = Object.entries(raw).map(([path, text]) => {
  const envelope = JSON.parse(text) as {
    Entries: {
      RequestBody: unknown;
      RequestHeaders: Record<string, string>;
      StatusCode: number;
      ResponseBody: unknown;
    }[];
  };
  const entry = envelope.Entries[0];
  if (!entry) throw new Error(`${path} has no entries`);
  const responseBody = parseBody(entry.ResponseBody);
  return {
    file: path.slice(path.lastIndexOf('/') + 1),
    requestBody: parseBody(entry.RequestBody),
    requestHeaders: entry.RequestHeaders,
    status: entry.StatusCode,
    responseBody,
    responseBytes: new TextEncoder().encode(JSON.stringify(responseBody)),
  };
});

export function appInsightsFixture(name: string): RecordedExchange {
  const found = appInsightsFixtures.find((f) => f.file === name);
  if (!found) {
    throw new Error(
      `Fixture ${name} not found (have ${appInsightsFixtures.map((f) => f.file).join(', ')})`,
    );
  }
  return found;
}
