/**
 * Decides how many events each (region, event type) pair gets, so that every region total and
 * every event-type total is exact, the published per-state type sets hold exactly, and the rest
 * follows plausible climate weights. Iterative proportional fitting on the weights, rounding that
 * keeps row totals, then unit moves inside rows to repair the column totals.
 */
import type { StormEventTypeSpec } from './storm-event-types.ts';
import type { StormRegion } from './storm-regions.ts';

export interface AllocationInput {
  regions: readonly StormRegion[];
  types: readonly StormEventTypeSpec[];
  /** Regions whose set of event types is fixed (every listed type at least once, no other). */
  fixedTypeSets: Readonly<Record<string, readonly string[]>>;
  /** Cells that must hold at least one event (e.g. the published first row). */
  pinned: ReadonlyArray<{ region: string; type: string }>;
}

/** counts[regionIndex][typeIndex] */
export type AllocationMatrix = number[][];

function isAllowed(
  regionSpec: StormRegion,
  typeSpec: StormEventTypeSpec,
  fixed?: readonly string[],
): boolean {
  if (fixed) return fixed.includes(typeSpec.name);
  const marineRegion = regionSpec.kind === 'marine';
  if (marineRegion !== typeSpec.marine) return false;
  if (typeSpec.where === 'land') return true;
  return typeSpec.where.some((tag) => regionSpec.tags.includes(tag));
}

function weight(regionSpec: StormRegion, typeSpec: StormEventTypeSpec): number {
  let w = 1;
  for (const tag of regionSpec.tags) w *= typeSpec.affinity?.[tag] ?? 1;
  return w;
}

export function allocateStormEvents(input: AllocationInput): AllocationMatrix {
  const { regions, types } = input;
  const nR = regions.length;
  const nT = types.length;
  const allowed: boolean[][] = regions.map((r) =>
    types.map((t) => isAllowed(r, t, input.fixedTypeSets[r.name])),
  );
  const minimum: number[][] = regions.map((r, ri) =>
    types.map((_, ti) => (input.fixedTypeSets[r.name] && allowed[ri]![ti] ? 1 : 0)),
  );
  for (const pin of input.pinned) {
    const ri = regions.findIndex((r) => r.name === pin.region);
    const ti = types.findIndex((t) => t.name === pin.type);
    if (ri < 0 || ti < 0 || !allowed[ri]![ti])
      throw new Error(`Cannot pin ${pin.region}/${pin.type}`);
    minimum[ri]![ti] = Math.max(minimum[ri]![ti]!, 1);
  }

  const rowTarget = regions.map((r, ri) => r.eventCount - sum(minimum[ri]!));
  const colTarget = types.map((t, ti) => t.count - sumColumn(minimum, ti));
  if (sum(rowTarget) !== sum(colTarget)) {
    throw new Error(
      `Region total ${sum(rowTarget)} differs from event-type total ${sum(colTarget)}`,
    );
  }
  for (const [i, v] of rowTarget.entries())
    if (v < 0) throw new Error(`${regions[i]!.name}: too few events`);
  for (const [i, v] of colTarget.entries())
    if (v < 0) throw new Error(`${types[i]!.name}: too few events`);

  // Proportional fitting of the climate weights to both sets of totals.
  const x: number[][] = regions.map((r, ri) =>
    types.map((t, ti) => (allowed[ri]![ti] ? weight(r, t) : 0)),
  );
  for (let iteration = 0; iteration < 500; iteration++) {
    for (let ri = 0; ri < nR; ri++) scaleTo(x[ri]!, rowTarget[ri]!);
    for (let ti = 0; ti < nT; ti++) {
      const s = sumColumn(x, ti);
      if (s > 0) for (let ri = 0; ri < nR; ri++) x[ri]![ti]! *= colTarget[ti]! / s;
    }
  }

  // Round each row to its exact total (largest remainders).
  const counts: number[][] = x.map((row, ri) => roundRow(row, rowTarget[ri]!));

  // Repair column totals: move single events between types inside one region, along the shortest
  // chain of such moves from a type with too many events to one with too few (row totals stay).
  for (let guard = 0; guard < 100_000; guard++) {
    const colSums = types.map((_, ti) => sumColumn(counts, ti));
    const surplus = colSums.findIndex((s, ti) => s > colTarget[ti]!);
    if (surplus < 0) break;
    const path = findTransferPath(counts, allowed, surplus, (ti) => colSums[ti]! < colTarget[ti]!);
    if (!path)
      throw new Error(`No chain of regions can move a ${types[surplus]!.name} event elsewhere`);
    for (const { region, from, to } of path) {
      counts[region]![from]!--;
      counts[region]![to]!++;
    }
  }

  return counts.map((row, ri) => row.map((v, ti) => v + minimum[ri]![ti]!));
}

interface Transfer {
  region: number;
  from: number;
  to: number;
}

/** Breadth-first search over event types; an edge from→to exists where a region holds a `from`
 * event and may hold a `to` event. */
function findTransferPath(
  counts: readonly (readonly number[])[],
  allowed: readonly (readonly boolean[])[],
  start: number,
  isTarget: (typeIndex: number) => boolean,
): Transfer[] | undefined {
  const nT = counts[0]!.length;
  const via: (Transfer | undefined)[] = new Array(nT).fill(undefined);
  const seen = new Array<boolean>(nT).fill(false);
  seen[start] = true;
  const queue = [start];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (let to = 0; to < nT; to++) {
      if (seen[to]) continue;
      let best = -1;
      for (let ri = 0; ri < counts.length; ri++) {
        if (!allowed[ri]![to] || counts[ri]![from]! <= 0) continue;
        if (best < 0 || counts[ri]![from]! > counts[best]![from]!) best = ri;
      }
      if (best < 0) continue;
      seen[to] = true;
      via[to] = { region: best, from, to };
      if (isTarget(to)) {
        const path: Transfer[] = [];
        for (let t: number = to; t !== start; t = via[t]!.from) path.unshift(via[t]!);
        return path;
      }
      queue.push(to);
    }
  }
  return undefined;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function sumColumn(matrix: readonly (readonly number[])[], column: number): number {
  let s = 0;
  for (const row of matrix) s += row[column]!;
  return s;
}

function scaleTo(row: number[], target: number): void {
  const s = sum(row);
  if (s > 0) for (let i = 0; i < row.length; i++) row[i]! *= target / s;
}

function roundRow(row: readonly number[], target: number): number[] {
  const floors = row.map((v) => Math.floor(v));
  let missing = target - sum(floors);
  const order = row
    .map((v, i) => ({ i, rest: v - Math.floor(v) }))
    .filter(({ i }) => row[i]! > 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) {
    floors[order[k]!.i]!++;
  }
  return floors;
}
