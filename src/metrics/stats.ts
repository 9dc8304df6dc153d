/** Small statistics shared by the metrics: percentiles, Wilson intervals, rounding. */

/**
 * Percentile p (0..1) of ascending values by linear interpolation between order statistics
 * (DuckDB quantile_cont, numpy's default): h = (n - 1) p, then between x[floor h] and x[ceil h].
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** How many of ascending values are at most x (a binary search: the values may be a million). */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds `from`'s counts to `to`'s, index by index (tallies of two parts merged). */
export function addCounts(to: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) to[i] = (to[i] ?? 0) + (from[i] as number);
}

/** Wilson score interval (95%) for k successes in n trials; null when n = 0. */
export function wilson(k: number, n: number, z = 1.959963984540054): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 (k = n) the bound is exactly 0 (1); say so rather than leave rounding noise.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** k / n, or null when n = 0 (an empty denominator is "no data", never 0% or 100%). */
export function ratio(k: number, n: number): number | null {
  return n === 0 ? null : k / n;
}

/** Rounds to a fixed number of decimals so JSON output is stable and readable. */
export function round(x: number | null, decimals: number): number | null {
  if (x === null) return null;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export const rate4 = (x: number | null) => round(x, 4);
export const hours2 = (ms: number | null) => (ms === null ? null : round(ms / 3_600_000, 2));
