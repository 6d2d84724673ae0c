import { kqlName, kqlString } from '../../lib/kql-text/kql-literal';

/**
 * What the schema tree types at the cursor. Names in the tab's own database are typed bare (as
 * KQL reads them); names in another database of the cluster are qualified with
 * `database("…").`, so the inserted text runs wherever the tab is connected.
 */

/** `database("ContosoSales")` */
export function databaseReference(database: string): string {
  return `database(${kqlString(database)})`;
}

function sameDatabase(a: string, b: string): boolean {
  // Clusters resolve database names case-insensitively.
  return a.toLowerCase() === b.toLowerCase();
}

/** A table, view or external table: `StormEvents`, or `database("Samples").StormEvents`. */
export function entityInsertText(name: string, database: string, currentDatabase: string): string {
  const bare = kqlName(name);
  return sameDatabase(database, currentDatabase) ? bare : `${databaseReference(database)}.${bare}`;
}

/** A function call (`TopStormStates()` or `StormsInState(`), qualified the same way. */
export function functionCallInsertText(
  call: string,
  database: string,
  currentDatabase: string,
): string {
  return sameDatabase(database, currentDatabase) ? call : `${databaseReference(database)}.${call}`;
}
