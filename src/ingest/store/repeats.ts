/** Rows grouped by lead without the repeats: a row of the same lead, time and key as an earlier one. */

import { toShared } from "../../paged.js";

/**
 * The grouping `start`/`order` (lead-rows.ts) without each row that repeats an earlier row (in
 * reading order) of its lead at the same time with the same key, compacted in place (no second
 * array of ten million rows); the rows left out, in reading order. `order` comes back as a view
 * of its first rows when some were left out.
 */
export function withoutRepeats(
  grouped: { start: Int32Array; order: Int32Array },
  leadCount: number,
  atOf: (row: number) => number,
  keyOf: (row: number) => number,
): { start: Int32Array; order: Int32Array; repeats: number[] } {
  const { start, order } = grouped;
  const repeats: number[] = [];
  const seen = new SeenRows(atOf, keyOf);
  let w = 0;
  let from = start[0] as number;
  for (let l = 0; l < leadCount; l++) {
    const to = start[l + 1] as number;
    start[l] = w;
    seen.lead(to - from);
    for (let k = from; k < to; k++) {
      const row = order[k] as number;
      if (seen.repeats(row)) repeats.push(row);
      else order[w++] = row;
    }
    from = to;
  }
  start[leadCount] = w;
  return {
    start,
    order: w === order.length ? order : order.subarray(0, w),
    repeats: repeats.sort((a, b) => a - b),
  };
}

/**
 * The rows that repeat an earlier row of their lead, as withoutRepeats finds them, where each
 * lead's rows are the rows from[l] … to[l] − 1 not in `skip` (lead-rows.ts, rows read lead by
 * lead): nothing to compact; the rows left out, in reading order.
 */
export function repeatsInRuns(
  runs: { from: Int32Array; to: Int32Array; skip: { has(row: number): boolean } },
  leadCount: number,
  atOf: (row: number) => number,
  keyOf: (row: number) => number,
): number[] {
  const { from, to, skip } = runs;
  const repeats: number[] = [];
  const seen = new SeenRows(atOf, keyOf);
  for (let l = 0; l < leadCount; l++) {
    const first = from[l] as number;
    const end = to[l] as number;
    seen.lead(end - first);
    for (let row = first; row < end; row++) if (!skip.has(row) && seen.repeats(row)) repeats.push(row);
  }
  return repeats;
}

/** One lead's rows, one after another: is a row a repeat (same time and key) of an earlier one? */
class SeenRows {
  // Most leads have a few rows: a map only for those with more than one.
  private seen: Map<number, number[]> | null = null;

  constructor(
    private readonly atOf: (row: number) => number,
    private readonly keyOf: (row: number) => number,
  ) {}

  /** The next lead, with at most `rows` rows. */
  lead(rows: number): void {
    this.seen = rows > 1 ? new Map() : null;
  }

  repeats(row: number): boolean {
    const { seen } = this;
    if (!seen) return false;
    const at = this.atOf(row);
    const key = this.keyOf(row);
    const keys = seen.get(at);
    if (keys?.includes(key)) return true;
    if (keys) keys.push(key);
    else seen.set(at, [key]);
    return false;
  }
}

/**
 * `a` on a SharedArrayBuffer (toShared). withoutRepeats may leave a view of the first rows: those
 * are copied, and the whole old buffer let go at once (detached) as toShared does.
 */
export function sharedOrder(a: Int32Array): Int32Array {
  if (a.byteLength === a.buffer.byteLength) return toShared(a);
  const shared = new Int32Array(new SharedArrayBuffer(a.byteLength));
  shared.set(a);
  structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
  return shared;
}
