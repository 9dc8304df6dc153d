/** Sets of instants as sorted, disjoint, closed intervals: where a definition holds over a lead's life. */

import type { Millis } from "../types.js";

/** Sorted by start, disjoint and not touching; each [start, end] includes both ends (instants are whole ms). */
export type Intervals = readonly (readonly [Millis, Millis])[];

export const ALWAYS: Intervals = [[Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]];
export const NEVER: Intervals = [];

/** Closed intervals in any order, overlapping or touching, as one set. */
export function normalise(list: (readonly [Millis, Millis])[]): Intervals {
  const sorted = list.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [Millis, Millis][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    // Whole milliseconds: [1, 5] and [6, 9] leave no instant between them.
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function union(a: Intervals, b: Intervals): Intervals {
  return normalise([...a, ...b]);
}

export function intersect(a: Intervals, b: Intervals): Intervals {
  const out: [Millis, Millis][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [a0, a1] = a[i] as readonly [Millis, Millis];
    const [b0, b1] = b[j] as readonly [Millis, Millis];
    const lo = Math.max(a0, b0);
    const hi = Math.min(a1, b1);
    if (lo <= hi) out.push([lo, hi]);
    if (a1 < b1) i++;
    else j++;
  }
  return out;
}

/** Every instant not in the set. */
export function complement(a: Intervals): Intervals {
  const out: [Millis, Millis][] = [];
  let from = Number.NEGATIVE_INFINITY;
  for (const [s, e] of a) {
    if (s > from) out.push([from, s - 1]);
    from = e + 1;
  }
  if (from !== Number.POSITIVE_INFINITY) out.push([from, Number.POSITIVE_INFINITY]);
  return out;
}

export function contains(a: Intervals, t: Millis): boolean {
  for (const [s, e] of a) {
    if (t < s) return false;
    if (t <= e) return true;
  }
  return false;
}

/** The first instant at or after t inside the set, or null. */
export function firstFrom(a: Intervals, t: Millis): Millis | null {
  for (const [s, e] of a) if (e >= t) return Math.max(s, t);
  return null;
}
