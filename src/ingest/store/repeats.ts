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
  let w = 0;
  let from = start[0] as number;
  for (let l = 0; l < leadCount; l++) {
    const to = start[l + 1] as number;
    start[l] = w;
    // Most leads have a few rows: a map only for those with more than one.
    const seen = to - from > 1 ? new Map<number, number[]>() : null;
    for (let k = from; k < to; k++) {
      const row = order[k] as number;
      if (seen) {
        const at = atOf(row);
        const key = keyOf(row);
        const keys = seen.get(at);
        if (keys?.includes(key)) {
          repeats.push(row);
          continue;
        }
        if (keys) keys.push(key);
        else seen.set(at, [key]);
      }
      order[w++] = row;
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
