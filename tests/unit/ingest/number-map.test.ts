import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NumberMap } from "../../../src/ingest/number-map.js";

describe("NumberMap", () => {
  it("gives what a Map gives for keys up to 2^53, through growth", () => {
    const key = fc.oneof(fc.nat(1000), fc.maxSafeNat(), fc.integer({ min: 2 ** 32 - 5, max: 2 ** 32 + 5 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat(1_000_000)), { maxLength: 3000 }), (pairs) => {
        const ours = new NumberMap(2);
        const theirs = new Map<number, number>();
        for (const [k, v] of pairs) {
          ours.set(k, v);
          theirs.set(k, v);
        }
        expect(ours.size).toBe(theirs.size);
        for (const [k, v] of theirs) expect(ours.get(k)).toBe(v);
        expect(ours.get(2 ** 53 - 1) === -1 || theirs.has(2 ** 53 - 1)).toBe(true);
        const values: number[] = [];
        ours.eachValue((v) => values.push(v));
        expect(values.sort((a, b) => a - b)).toEqual([...theirs.values()].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
