/** Rows grouped by lead without the repeats: a row of the same lead, time and key as an earlier one. */

/**
 * The grouping `start`/`order` (lead-rows.ts) without each row that repeats an earlier row (in
 * reading order) of its lead at the same time with the same key; the rows left out, in reading order.
 */
export function withoutRepeats(
  grouped: { start: Int32Array; order: Int32Array },
  leadCount: number,
  atOf: (row: number) => number,
  keyOf: (row: number) => number,
): { start: Int32Array; order: Int32Array; repeats: number[] } {
  const { start, order } = grouped;
  const repeats: number[] = [];
  const kept = new Int32Array(order.length);
  const starts = new Int32Array(start.length);
  let w = 0;
  for (let l = 0; l < leadCount; l++) {
    starts[l] = w;
    const from = start[l] as number;
    const to = start[l + 1] as number;
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
      kept[w++] = row;
    }
  }
  starts[leadCount] = w;
  return {
    start: starts,
    order: w === kept.length ? kept : kept.slice(0, w),
    repeats: repeats.sort((a, b) => a - b),
  };
}
