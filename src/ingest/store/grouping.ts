/** How a LeadRows finds each lead's rows once grouped (lead-rows.ts): an order array, or spans of rows. */

import { toShared } from "../../paged.js";
import { Bits } from "./bits.js";
import { repeatsInRuns, sharedOrder, withoutRepeats } from "./repeats.js";
import type { SharedGrouping } from "./shared-rows.js";

/** Rows in any order: rows of lead i are order[start[i]] … order[start[i + 1] - 1], in reading order. */
export interface Ordered {
  start: Int32Array;
  order: Int32Array;
}

/**
 * Rows read lead by lead: rows of lead i are rows from[i] … to[i] - 1 not in `skip` (rows left
 * out, rows of no lead of the dataset), in reading order.
 */
export interface Runs {
  from: Int32Array;
  to: Int32Array;
  skip: Bits;
}

export type Grouping = Ordered | Runs;

/** Rows in any order: each lead's row numbers one after another (`start`: each lead's count, made its first place). */
export function orderedRows(
  start: Int32Array,
  n: number,
  leadCount: number,
  dropped: Bits,
  leadOf: (row: number) => number,
): Ordered {
  for (let l = 0; l < leadCount; l++) start[l + 1] = (start[l + 1] as number) + (start[l] as number);
  const fill = start.slice(0, leadCount);
  const order = new Int32Array(start[leadCount] as number);
  for (let i = 0; i < n; i++) {
    const l = leadOf(i);
    if (l < 0 || dropped.has(i)) continue;
    order[fill[l] as number] = i;
    fill[l] = (fill[l] as number) + 1;
  }
  return { start, order };
}

/** Rows read lead by lead: the rows in a lead's span that are not its rows (left out, or of no lead of the dataset). */
export function skippedRows(n: number, dropped: Bits, leadOf: (row: number) => number): Bits {
  const skip = new Bits(n, true);
  for (let i = 0; i < n; i++) if (dropped.has(i) || leadOf(i) < 0) skip.add(i);
  return skip;
}

/** How many rows lead `index` has, read lead by lead. */
export function runCount(g: Runs, index: number): number {
  let count = 0;
  for (let row = g.from[index] as number; row < (g.to[index] as number); row++) if (!g.skip.has(row)) count++;
  return count;
}

/** The grouping moved onto shared buffers (toShared), and what another thread reads it from (groupingOver). */
export function shareGrouping(g: Grouping): { grouping: Grouping; shared: SharedGrouping } {
  if ("skip" in g) {
    const grouping = { from: toShared(g.from), to: toShared(g.to), skip: g.skip };
    return { grouping, shared: { ...grouping, skip: g.skip.words } };
  }
  const grouping = { start: toShared(g.start), order: sharedOrder(g.order) };
  return { grouping, shared: grouping };
}

export const groupingOver = (s: SharedGrouping): Grouping =>
  "skip" in s ? { ...s, skip: Bits.over(s.skip) } : s;

/** Each lead's first and last row, while each lead's rows come one after another (runs() null from the first lead met again). */
export class Spans {
  private from: Int32Array | null;
  private to: Int32Array;
  private last = -1;

  constructor(leadCount: number) {
    this.from = new Int32Array(leadCount);
    this.to = new Int32Array(leadCount);
  }

  /** Row i, of lead l (`met`: l had rows before this one). */
  add(l: number, i: number, met: boolean): void {
    if (!this.from) return;
    if (l !== this.last && met) this.from = null;
    else {
      if (l !== this.last) this.from[l] = i;
      this.to[l] = i + 1;
    }
    this.last = l;
  }

  runs(): { from: Int32Array; to: Int32Array } | null {
    return this.from && { from: this.from, to: this.to };
  }
}

/** The grouping without each row repeating an earlier one of its lead (same time and keyOf), and those rows in reading order. */
export function groupingWithoutRepeats(
  g: Grouping,
  leadCount: number,
  at: (row: number) => number,
  keyOf: (row: number) => number,
): { grouping: Grouping; repeats: number[] } {
  if ("skip" in g) {
    const repeats = repeatsInRuns(g, leadCount, at, keyOf);
    for (const row of repeats) g.skip.add(row);
    return { grouping: g, repeats };
  }
  const { start, order, repeats } = withoutRepeats(g, leadCount, at, keyOf);
  return { grouping: { start, order }, repeats };
}
