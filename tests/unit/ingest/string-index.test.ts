import { describe, expect, it } from "vitest";
import { StringIndex } from "../../../src/ingest/store/string-index.js";

/** A small deterministic generator (no Math.random: the same cases every run). */
function* strings(seed: number, n: number): Generator<string> {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    return x;
  };
  for (let i = 0; i < n; i++) {
    const length = next() % 12;
    let s = "";
    // A small alphabet, so keys repeat and collide often; "é" and "😀" check code units.
    for (let k = 0; k < length; k++) s += "abcé😀"[next() % 5];
    yield s;
  }
}

describe("StringIndex", () => {
  it("answers like a Map, first number kept per key", () => {
    const keys = [...strings(7, 5000)];
    const index = new StringIndex(keys.length, (i) => keys[i] as string);
    const map = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      expect(index.add(i)).toBe(map.get(key));
      if (!map.has(key)) map.set(key, i);
    }
    expect(index.size).toBe(map.size);
    for (const key of strings(8, 2000)) {
      expect(index.get(key)).toBe(map.get(key));
      expect(index.has(key)).toBe(map.has(key));
    }
  });

  it("holds as many keys as its capacity, and says so when asked for more", () => {
    const keys = Array.from({ length: 100 }, (_, i) => `L${i}`);
    const index = new StringIndex(8, (i) => keys[i] as string);
    for (let i = 0; i < 8; i++) expect(index.add(i)).toBeUndefined();
    expect(index.get("L7")).toBe(7);
    expect(index.get("L8")).toBeUndefined();
    expect(() => {
      for (let i = 8; i < 100; i++) index.add(i);
    }).toThrow(/full/);
  });
});
