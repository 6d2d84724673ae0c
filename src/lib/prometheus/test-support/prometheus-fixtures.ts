/**
 * Recorded Prometheus HTTP API answers from fixtures/recorded/prometheus (see PROVENANCE.md
 * there), loaded through Vite's glob import as the exact bytes the server sent.
 */
const raw = import.meta.glob<string>('../../../../fixtures/recorded/prometheus/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The recorded body of `name` (e.g. `instant-up.json`) as text. */
export function prometheusFixtureText(name: string): string {
  const entry = Object.entries(raw).find(([path]) => path.endsWith(`/${name}`));
  if (!entry) throw new Error(`No Prometheus fixture ${name}`);
  return entry[1];
}

export function prometheusFixtureBytes(name: string): Uint8Array {
  return new TextEncoder().encode(prometheusFixtureText(name));
}
