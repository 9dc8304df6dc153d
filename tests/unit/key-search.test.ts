/**
 * The byte filter finds a lead's key in a chunk by a window of 7 of its bytes and checks each
 * place for the whole key (src/ingest/csv/row-search.ts, KeySearch). Whatever window it chooses,
 * it must find the place Buffer.indexOf finds for the whole key.
 */

import { describe, expect, it } from "vitest";
import { KeySearch } from "../../src/ingest/csv/row-search.js";

/** A small deterministic generator (LCG), so a failure can be run again. */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

const expected = (buf: Buffer, key: Buffer) => {
  const i = buf.indexOf(key);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
};

describe("KeySearch", () => {
  it("finds where Buffer.indexOf finds the whole key, in text full of near misses", () => {
    const next = random(20261205);
    for (let round = 0; round < 300; round++) {
      // Ids that share long prefixes and suffixes with the key (Salesforce-like and numbered).
      const key =
        next(2) === 0 ? `L-05${String(next(100000)).padStart(5, "0")}` : `00Q5e00000Ab${"CdEfG"[next(5)]}x9`;
      const near = () =>
        next(3) === 0 ? key.slice(0, 7 + next(key.length - 7)) : `${key.slice(0, key.length - 1)}${next(10)}`;
      const rows: string[] = [];
      for (let i = 0; i < 200; i++)
        rows.push(
          `${next(4) === 0 ? near() : `L-${next(1000000)}`},2026-05-0${next(9) + 1}T10:00:00Z,${near()}\n`,
        );
      if (next(2) === 0) rows.splice(next(rows.length), 0, `${key},call\n`);
      const buf = Buffer.from(rows.join(""), "latin1");
      // Also cut mid-key at the end: a key's start without its end is no match.
      const cut = buf.subarray(0, Math.max(1, buf.length - next(12)));
      const search = new KeySearch(Buffer.from(key, "latin1"));
      for (const b of [buf, cut]) expect(search.first(b)).toBe(expected(b, Buffer.from(key, "latin1")));
    }
  });

  it("searches short keys whole", () => {
    const buf = Buffer.from("a,b\nL-1,x\nL-12,y\n", "latin1");
    expect(new KeySearch(Buffer.from("L-12")).first(buf)).toBe(10);
    expect(new KeySearch(Buffer.from("L-13")).first(buf)).toBe(Number.POSITIVE_INFINITY);
  });
});
