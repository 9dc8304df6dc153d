/** Paged columns: codes in two bytes until one does not fit, lists appended from another thread. */

import { describe, expect, it } from "vitest";
import { Codes, Samples } from "../../src/paged.js";

describe("Codes", () => {
  it("keeps -1 and small codes in two bytes, and every code once one needs four", () => {
    const c = new Codes();
    // 70,000 rows: past the first page (65,536 rows) and into a second.
    const want: number[] = [];
    for (let i = 0; i < 70_000; i++) {
      const v = i % 7 === 0 ? -1 : i % 1000;
      c.set(i, v);
      want.push(v);
    }
    const pages = c.share();
    expect(pages.every((p) => p instanceof Uint16Array)).toBe(true);
    expect(Array.from({ length: 70_000 }, (_, i) => c.get(i))).toEqual(want);
    // 65,534 is the largest code two bytes hold (stored plus one); 65,535 widens every page.
    c.set(70_000, 65_534);
    expect(c.share().every((p) => p instanceof Uint16Array)).toBe(true);
    c.set(70_001, 65_535);
    c.set(70_002, 2_000_000);
    expect(c.share().every((p) => p instanceof Int32Array)).toBe(true);
    expect([c.get(0), c.get(1), c.get(69_999), c.get(70_000), c.get(70_001), c.get(70_002)]).toEqual([
      -1, 1, 999, 65_534, 65_535, 2_000_000,
    ]);
    const other = Codes.adopt(c.share());
    expect(other.get(70_002)).toBe(2_000_000);
    expect(other.get(7)).toBe(-1);
    const out = new Int32Array(3);
    c.copyTo(out, 3);
    expect([...out]).toEqual([-1, 1, 2]);
  });

  it("widens before the first page when the first code is large", () => {
    const c = new Codes();
    c.set(0, 100_000);
    c.set(1, -1);
    expect([c.get(0), c.get(1)]).toEqual([100_000, -1]);
  });
});

describe("Samples.appendSorted", () => {
  it("merges another thread's ascending list with the values pushed, and refuses a push after it", () => {
    const s = new Samples();
    for (const v of [5, 1, 3]) s.push(v);
    s.appendSorted(new Float64Array([2, 3, 9]));
    s.appendSorted(new Float64Array([]));
    s.appendSorted(new Float64Array([0]));
    expect(s.length).toBe(7);
    expect([...s.sorted()]).toEqual([0, 1, 2, 3, 3, 5, 9]);
    expect(() => s.push(6)).toThrow(/after a list was appended/);
    expect(() => s.appendSorted(new Float64Array([2, 1]))).toThrow(/not ascending/);
  });
});
