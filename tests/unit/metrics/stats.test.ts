import { describe, expect, it } from "vitest";
import { countAtMost, percentile, ratio, round, wilson } from "../../../src/metrics/stats.js";
import { Samples } from "../../../src/paged.js";

describe("percentile (linear interpolation between order statistics, as numpy's default)", () => {
  it.each([
    // h = (n - 1) p
    [[24, 24, 24, 48], 0.5, 24], // h = 1.5: 24 + 0.5 (24 - 24)
    [[24, 24, 24, 48], 0.9, 40.8], // h = 2.7: 24 + 0.7 (48 - 24) = 40.8
    [[24, 24, 24, 48], 0.95, 44.4], // h = 2.85: 24 + 0.85 × 24 = 44.4
    [[1, 2, 3, 4], 0.5, 2.5], // h = 1.5
    [[7], 0.9, 7],
    [[1, 3], 1, 3],
    [[1, 3], 0, 1],
  ])("%j at %d is %d", (xs, p, expected) => {
    expect(percentile(xs, p)).toBeCloseTo(expected, 10);
  });
  it("is null for no values", () => expect(percentile([], 0.5)).toBeNull());
});

describe("wilson 95% interval", () => {
  it("8 of 10: [0.4902, 0.9433]", () => {
    // p = 0.8, z² = 3.8415, denominator 1 + z²/n = 1.38415; centre = (0.8 + 0.19208) / 1.38415 = 0.71680;
    // half = 1.95996 × sqrt(0.016 + 0.0096040) / 1.38415 = 0.22656
    const w = wilson(8, 10);
    expect(w?.low).toBeCloseTo(0.4902, 4);
    expect(w?.high).toBeCloseTo(0.9433, 4);
  });
  it("stays within 0..1 at the extremes", () => {
    expect(wilson(0, 3)?.low).toBe(0);
    expect(wilson(3, 3)?.high).toBe(1);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe("ratio and round", () => {
  it("an empty denominator is no data, not 0%", () => expect(ratio(0, 0)).toBeNull());
  it("rounds half away from zero at the given decimals", () => expect(round(0.66666, 4)).toBe(0.6667));
});

describe("countAtMost (binary search over ascending values)", () => {
  it("counts the values at most x, ties included", () => {
    const xs = [1, 2, 2, 2, 5, 9];
    expect(countAtMost(xs, 0)).toBe(0);
    expect(countAtMost(xs, 1)).toBe(1);
    expect(countAtMost(xs, 2)).toBe(4); // 1, 2, 2, 2
    expect(countAtMost(xs, 4.5)).toBe(4);
    expect(countAtMost(xs, 9)).toBe(6);
    expect(countAtMost([], 3)).toBe(0);
  });

  it("agrees with a filter on random ascending values", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const xs = Float64Array.from({ length: 1000 }, () => Math.floor(next() * 200)).sort();
    for (let x = -1; x <= 201; x += 0.5) expect(countAtMost(xs, x)).toBe(xs.filter((v) => v <= x).length);
  });
});

describe("Samples.sorted over several pages", () => {
  it("gives every value, ascending, as a plain sort does", () => {
    const s = new Samples();
    const plain: number[] = [];
    // 150,000 values: the first page (grown by doubling to 65,536), a whole page and part of a third.
    for (let i = 0; i < 150_000; i++) {
      const v = (i * 7919) % 100_003;
      s.push(v);
      plain.push(v);
    }
    plain.sort((a, b) => a - b);
    expect(Array.from(s.sorted())).toEqual(plain);
    const small = new Samples();
    for (const v of [3, 1, 2]) small.push(v);
    expect(Array.from(small.sorted())).toEqual([1, 2, 3]);
  });
});
