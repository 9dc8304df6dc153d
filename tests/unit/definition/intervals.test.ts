import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALWAYS,
  complement,
  contains,
  firstFrom,
  intersect,
  NEVER,
  normalise,
  union,
} from "../../../src/definition/intervals.js";

const INF = Number.POSITIVE_INFINITY;
const set = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 })), { maxLength: 6 })
  .map((l) => normalise(l.map(([a, d]) => [a, a + d] as const)));

describe("interval sets", () => {
  it("merges touching and overlapping intervals (whole milliseconds)", () => {
    expect(
      normalise([
        [6, 9],
        [1, 5],
        [20, 21],
        [8, 12],
      ]),
    ).toEqual([
      [1, 12],
      [20, 21],
    ]);
  });

  it("complement of [3, 5] is everything before 3 and after 5", () => {
    expect(complement([[3, 5]])).toEqual([
      [-INF, 2],
      [6, INF],
    ]);
    expect(complement(ALWAYS)).toEqual(NEVER);
    expect(complement(NEVER)).toEqual(ALWAYS);
  });

  it("firstFrom gives the first instant at or after t", () => {
    expect(
      firstFrom(
        [
          [3, 5],
          [10, 12],
        ],
        0,
      ),
    ).toBe(3);
    expect(
      firstFrom(
        [
          [3, 5],
          [10, 12],
        ],
        4,
      ),
    ).toBe(4);
    expect(
      firstFrom(
        [
          [3, 5],
          [10, 12],
        ],
        6,
      ),
    ).toBe(10);
    expect(firstFrom([[3, 5]], 6)).toBeNull();
  });

  it("membership agrees with point-wise logic on random sets (property)", () => {
    fc.assert(
      fc.property(set, set, fc.integer({ min: -2, max: 72 }), (a, b, t) => {
        expect(contains(union(a, b), t)).toBe(contains(a, t) || contains(b, t));
        expect(contains(intersect(a, b), t)).toBe(contains(a, t) && contains(b, t));
        expect(contains(complement(a), t)).toBe(!contains(a, t));
      }),
    );
  });
});
