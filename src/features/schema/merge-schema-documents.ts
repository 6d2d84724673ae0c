type ShowSchemaDocument = { Databases?: Record<string, unknown> } & Record<string, unknown>;

/**
 * One `.show schema as json`-shaped document holding the tab's database and the other databases
 * given (each a `.show database X schema as json` document), for monaco-kusto's
 * setSchemaFromShowSchema. The tab's own entries win a name clash; a document that does not parse
 * leaves the tab's as it was (the editor reports its own).
 */
export function mergeShowSchemaDocuments(current: string, others: readonly string[]): string {
  if (others.length === 0) return current;
  try {
    const document = JSON.parse(current) as ShowSchemaDocument;
    const databases = { ...(document.Databases ?? {}) };
    for (const other of others) {
      const otherDocument = JSON.parse(other) as ShowSchemaDocument;
      for (const [name, db] of Object.entries(otherDocument.Databases ?? {}))
        if (!(name in databases)) databases[name] = db;
    }
    return JSON.stringify({ ...document, Databases: databases });
  } catch {
    return current;
  }
}
