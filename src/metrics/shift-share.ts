/** Exact shift-share: a rate's change between two periods split into mix and performance by group. */

/**
 * docs/definitions.md, "Why a figure moved". With N decided cases and K hits in a period, a
 * group's share s = n / N, its rate r = k / n, the overall rate R = K / N:
 *
 *   mix_g = (s1_g − s0_g) · (r0_g − R0)      performance_g = s1_g · (r1_g − r0_g)
 *
 * Σ mix + Σ performance = Σ s1·r1 − Σ s0·r0 = R1 − R0 exactly (Σ s0 = Σ s1 = 1, so the R0 term
 * adds up to nothing: it only makes a group that grows at the average rate contribute 0). A group
 * present in one period only has no rate in the other: it takes its own rate there, so its whole
 * effect is mix (it arrived or left), never performance. All arithmetic is on exact fractions.
 */

/** A fraction num / den, den > 0, in lowest terms. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** num / den in lowest terms (den ≠ 0). */
export function fraction(num: bigint, den: bigint): Fraction {
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const addF = (a: Fraction, b: Fraction) => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const subF = (a: Fraction, b: Fraction) => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const mulF = (a: Fraction, b: Fraction) => fraction(a.num * b.num, a.den * b.den);
export const ZERO: Fraction = { num: 0n, den: 1n };
/** Compares |a| with |b|: negative, zero or positive. */
export const compareAbs = (a: Fraction, b: Fraction): number => {
  const [x, y] = [(a.num < 0n ? -a.num : a.num) * b.den, (b.num < 0n ? -b.num : b.num) * a.den];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** One group's decided cases (n) and hits (k: met, or converted) in one period. */
export interface GroupCount {
  group: string;
  n: number;
  k: number;
}

export interface GroupPart {
  group: string;
  before: { n: number; k: number };
  after: { n: number; k: number };
  mix: Fraction;
  performance: Fraction;
}

export interface Decomposition {
  before: { n: number; k: number };
  after: { n: number; k: number };
  /** R1 − R0 = Σ (mix + performance), exactly. */
  delta: Fraction;
  mix: Fraction;
  performance: Fraction;
  /** Every group of either period, by group key (code-unit order). */
  groups: GroupPart[];
}

const sum = (list: readonly GroupCount[]) =>
  list.reduce((t, g) => ({ n: t.n + g.n, k: t.k + g.k }), { n: 0, k: 0 });

/** Tallies of the same key added up (a shuffled or split input gives the same groups). */
function byGroup(list: readonly GroupCount[]): Map<string, { n: number; k: number }> {
  const m = new Map<string, { n: number; k: number }>();
  for (const g of list) {
    const t = m.get(g.group) ?? { n: 0, k: 0 };
    m.set(g.group, { n: t.n + g.n, k: t.k + g.k });
  }
  return m;
}

/** The shift-share decomposition of R1 − R0; null when a period has no decided case (no rate to move). */
export function decompose(before: readonly GroupCount[], after: readonly GroupCount[]): Decomposition | null {
  const [t0, t1] = [sum(before), sum(after)];
  if (t0.n === 0 || t1.n === 0) return null;
  const [g0, g1] = [byGroup(before), byGroup(after)];
  const big = BigInt;
  const R0 = fraction(big(t0.k), big(t0.n));
  const R1 = fraction(big(t1.k), big(t1.n));
  const keys = [...new Set([...g0.keys(), ...g1.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let [mix, performance] = [ZERO, ZERO];
  const groups: GroupPart[] = [];
  for (const group of keys) {
    const b = g0.get(group) ?? { n: 0, k: 0 };
    const a = g1.get(group) ?? { n: 0, k: 0 };
    if (a.n === 0 && b.n === 0) continue;
    const s0 = fraction(big(b.n), big(t0.n));
    const s1 = fraction(big(a.n), big(t1.n));
    // A group empty in a period takes its other period's rate there: all its effect is mix.
    const r0 = b.n > 0 ? fraction(big(b.k), big(b.n)) : fraction(big(a.k), big(a.n));
    const r1 = a.n > 0 ? fraction(big(a.k), big(a.n)) : r0;
    const m = mulF(subF(s1, s0), subF(r0, R0));
    const p = mulF(s1, subF(r1, r0));
    mix = addF(mix, m);
    performance = addF(performance, p);
    groups.push({ group, before: b, after: a, mix: m, performance: p });
  }
  return { before: t0, after: t1, delta: subF(R1, R0), mix, performance, groups };
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/**
 * Fractions rounded to `places` decimals (as integers of 10^-places) so that they add up to
 * `target` units (default: the exact total rounded half up): each is floored, then the units still
 * missing go to the largest remainders (ties: the earlier one), the largest-remainder method.
 * `total` must be their sum; `target` the floor or the ceiling of total in units.
 */
export function roundToSum(
  parts: readonly Fraction[],
  total: Fraction,
  places: number,
  target: number = unitsOf(total, places),
): number[] {
  const scale = 10n ** BigInt(places);
  const floors = parts.map((p) => floorDiv(p.num * scale, p.den));
  let need = target - Number(floors.reduce((s, f) => s + f, 0n));
  // Remainders as fractions of a unit: (num·scale − floor·den) / den.
  const order = parts
    .map((p, i) => ({ i, rest: fraction(p.num * scale - (floors[i] as bigint) * p.den, p.den) }))
    .sort((a, b) => {
      const c = b.rest.num * a.rest.den - a.rest.num * b.rest.den;
      return c > 0n ? 1 : c < 0n ? -1 : a.i - b.i;
    });
  const out = floors.map(Number);
  for (const { i } of order) {
    if (need <= 0) break;
    out[i] = (out[i] as number) + 1;
    need--;
  }
  return out;
}

/** A fraction in units of 10^-places, rounded half up. */
export function unitsOf(f: Fraction, places: number): number {
  const scale = 10n ** BigInt(places);
  return Number(floorDiv(2n * f.num * scale + f.den, 2n * f.den));
}

/** A fraction rounded half up to `places` decimals, as a number. */
export const roundFraction = (f: Fraction, places: number): number => unitsOf(f, places) / 10 ** places;
