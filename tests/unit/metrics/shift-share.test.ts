/** Shift-share: hand-computed mix and performance, and parts that add up exactly on random tallies. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decompose,
  type Fraction,
  type GroupCount,
  roundFraction,
  roundToSum,
} from "../../../src/metrics/shift-share.js";

const g = (group: string, n: number, k: number): GroupCount => ({ group, n, k });
const asNumber = (f: Fraction) => Number(f.num) / Number(f.den);
/** a/b as a reduced fraction, to compare with toEqual. */
const q = (num: number, den: number): Fraction => {
  const gcd = (x: number, y: number): number => (y === 0 ? Math.abs(x) : gcd(y, x % y));
  const d = gcd(num, den) || 1;
  return { num: BigInt(num / d), den: BigInt(den / d) };
};

describe("shift-share, by hand", () => {
  it("the mix explains all of a drop: same rates per group, the shares swap", () => {
    // A converts 90%, B 50% in both periods. Before: A 80 of 100 cases, B 20 → R0 = (72+10)/100 = 0.82.
    // After: A 20, B 80 → R1 = (18+40)/100 = 0.58; Δ = −0.24.
    // mix_A = (0.2 − 0.8)·(0.9 − 0.82) = −0.048; mix_B = (0.8 − 0.2)·(0.5 − 0.82) = −0.192; sum −0.24.
    const d = decompose([g("A", 80, 72), g("B", 20, 10)], [g("A", 20, 18), g("B", 80, 40)]);
    expect(d?.delta).toEqual(q(-24, 100));
    expect(d?.mix).toEqual(q(-24, 100));
    expect(d?.performance).toEqual(q(0, 1));
    expect(d?.groups.map((x) => [x.group, x.mix, x.performance])).toEqual([
      ["A", q(-48, 1000), q(0, 1)],
      ["B", q(-192, 1000), q(0, 1)],
    ]);
  });

  it("performance explains all of a drop: same shares, one group's rate falls", () => {
    // Shares 50/50 in both. A: 45/50 then 90/100 (0.9 both). B: 40/50 (0.8) then 60/100 (0.6).
    // R0 = 85/100 = 0.85, R1 = 150/200 = 0.75, Δ = −0.10. mix = 0 (shares equal);
    // perf_A = 0.5·(0.9 − 0.9) = 0; perf_B = 0.5·(0.6 − 0.8) = −0.10.
    const d = decompose([g("A", 50, 45), g("B", 50, 40)], [g("A", 100, 90), g("B", 100, 60)]);
    expect(d?.delta).toEqual(q(-1, 10));
    expect(d?.mix).toEqual(q(0, 1));
    expect(d?.groups.map((x) => [x.group, x.performance])).toEqual([
      ["A", q(0, 1)],
      ["B", q(-1, 10)],
    ]);
  });

  it("a group in one period only is all mix, at its own rate", () => {
    // Before: A 5/10, B 10/10 → R0 = 15/20 = 0.75. After: A 5/10, C 2/10 → R1 = 7/20 = 0.35; Δ = −0.40.
    // B left: mix = (0 − 0.5)·(1 − 0.75) = −0.125. C came: its rate 0.2 both sides,
    // mix = (0.5 − 0)·(0.2 − 0.75) = −0.275. A: nothing. −0.125 − 0.275 = −0.40.
    const d = decompose([g("A", 10, 5), g("B", 10, 10)], [g("A", 10, 5), g("C", 10, 2)]);
    expect(d?.groups.map((x) => [x.group, asNumber(x.mix), asNumber(x.performance)])).toEqual([
      ["A", 0, 0],
      ["B", -0.125, 0],
      ["C", -0.275, 0],
    ]);
    expect(d?.delta).toEqual(q(-40, 100));
  });

  it("no decided case in a period: no rate, no decomposition", () => {
    expect(decompose([], [g("A", 3, 1)])).toBeNull();
    expect(decompose([g("A", 0, 0)], [g("A", 3, 1)])).toBeNull();
  });

  it("rounds parts by largest remainder so that they add up to the rounded total", () => {
    // Three thirds: 3333 units each floor to 9999; the total 1 is 10000 units: the first tie gets one more.
    expect(roundToSum([q(1, 3), q(1, 3), q(1, 3)], q(1, 1), 4)).toEqual([3334, 3333, 3333]);
    // −0.00005 and 0.00015 are −0.5 and 1.5 units: floors −1 and 1 add up to 0; the total 0.0001 is
    // 1 unit, so one unit goes to the larger remainder: both are 0.5, the first wins: [0, 1].
    expect(roundToSum([q(-5, 100000), q(15, 100000)], q(1, 10000), 4)).toEqual([0, 1]);
    // Half up: −0.5 units round to 0, 1.5 units to 2.
    expect(roundFraction(q(-5, 100000), 4)).toBe(0);
    expect(roundFraction(q(15, 100000), 4)).toBe(0.0002);
  });
});

const tally = fc.array(
  fc
    .tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.nat(40), fc.nat(40))
    .map(([group, x, y]) => g(group, Math.max(x, y), Math.min(x, y))),
  { maxLength: 8 },
);

describe("shift-share, properties", () => {
  it("the parts add up exactly to R1 − R0, and the rounded parts to the rounded change", () => {
    fc.assert(
      fc.property(tally, tally, (before, after) => {
        const d = decompose(before, after);
        const [n0, k0] = before.reduce(([n, k], x) => [n + x.n, k + x.k], [0, 0]);
        const [n1, k1] = after.reduce(([n, k], x) => [n + x.n, k + x.k], [0, 0]);
        if (n0 === 0 || n1 === 0) return d === null;
        // R1 − R0 = (k1·n0 − k0·n1) / (n0·n1), computed here on its own; the parts summed over a common denominator.
        const [num, den] = [BigInt(k1 * n0 - k0 * n1), BigInt(n0 * n1)];
        let [sn, sd] = [0n, 1n];
        for (const x of d?.groups ?? [])
          for (const f of [x.mix, x.performance]) [sn, sd] = [sn * f.den + f.num * sd, sd * f.den];
        expect(sn * den).toBe(num * sd);
        const parts = (d?.groups ?? []).flatMap((x) => [x.mix, x.performance]);
        const units = roundToSum(parts, { num, den }, 4);
        // round half up of num/den in units of 1e-4, by integer arithmetic.
        const scaled = num * 10000n * 2n + den;
        const twice = 2n * den;
        const target = scaled >= 0n ? scaled / twice : -((-scaled + twice - 1n) / twice);
        expect(BigInt(units.reduce((s, u) => s + u, 0))).toBe(target);
        return true;
      }),
    );
  });

  it("shuffled and split tallies give the same decomposition", () => {
    fc.assert(
      fc.property(tally, tally, fc.nat(), (before, after, seed) => {
        const shuffle = <T>(list: T[]) =>
          list
            .map((x, i) => ({ x, key: (i * 7919 + seed) % 101 }))
            .sort((a, b) => a.key - b.key)
            .map((e) => e.x);
        // A group's tally split in two rows is the same group.
        const split = after.flatMap((x) =>
          x.n > 1 ? [g(x.group, 1, Math.min(1, x.k)), g(x.group, x.n - 1, x.k - Math.min(1, x.k))] : [x],
        );
        expect(decompose(shuffle(before), shuffle(split))).toEqual(decompose(before, after));
      }),
    );
  });
});
