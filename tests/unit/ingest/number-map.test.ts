import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NumberMap } from "../../../src/ingest/store/number-map.js";

describe("NumberMap", () => {
  it("rounds any capacity up to a power of two, so every slot can be reached", () => {
    for (const capacity of [0, 1, 3, 1000, 1025]) {
      const m = new NumberMap(capacity);
      for (let k = 0; k < 5000; k++) m.set(k * 7919, k);
      expect(m.size).toBe(5000);
      expect(m.get(4999 * 7919)).toBe(4999);
      expect(m.get(5)).toBe(-1);
    }
  });

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
        // Keys never set are absent, whatever the probing went through.
        for (const absent of [2 ** 53 - 1, 2 ** 32, 1001, 7_777_777])
          if (!theirs.has(absent)) expect(ours.get(absent)).toBe(-1);
        const values: number[] = [];
        ours.eachValue((v) => values.push(v));
        expect(values.sort((a, b) => a - b)).toEqual([...theirs.values()].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
