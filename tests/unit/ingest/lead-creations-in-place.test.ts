/**
 * trace's pass over the leads file types each plain row's id and creation; most rows are read in
 * place (CreationsTaker, with a parser that has fixed layouts; RowBounds), the rest cut into cells.
 * Both ways must give the same ids and creations (and leave the traced lead's rows to the table).
 */

import { describe, expect, it } from "vitest";
import { CreationsTaker, leadCreations } from "../../../src/ingest/sources/lead-creations.js";
import { createTimestampParser } from "../../../src/time/timestamps.js";

const ZONE = "Europe/Madrid";
const header = ["Lead ID", "Created Date", "Company", "Email"];
const index = { id: [0], created_at: [1], company: [2], email: [3] };

function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

const IDS = ["L-1", "L-2", "L-2", "L-30", " L-4", "L-5 ", "", "L-TRACED", "lead id", "LEAD ID"];
const TIMES = [
  "2026-05-04T09:30:00Z",
  "2026-05-04 09:30:00",
  "2026-03-29 02:30:00", // a wall time Madrid skips
  "2026-05-04",
  "04/05/2026 09:30", // not a fixed layout, and day and month cannot be told: none
  "13/05/2026 09:30", // not a fixed layout: read by the parser's other ways, by cells
  "2026-05-04T09:30:00+02:00",
  "2026-02-30",
  " 2026-05-04",
  "",
];

/** The pass over `rows` (each offered to the taker, as the byte filter offers plain rows). */
async function pass(rows: string[], inPlace: boolean) {
  const taker = new CreationsTaker();
  const handed: string[] = [];
  // The rows the taker declines would reach the table; here they are only kept, and none yielded.
  const offered = (async function* () {
    for (const row of rows) if (!taker.take(row, 0, row.length, ",")) handed.push(row);
    yield* [];
  })();
  // With its fixed layouts (TimestampParser.fixed) rows are read in place; without (the reference
  // parser, regular expressions only), by cells.
  const parser = createTimestampParser(ZONE, null, false, inPlace);
  const out = await leadCreations(offered, { index, parser }, "L-TRACED", {
    taker,
    header,
    columns: {},
  });
  return { ids: out.ids, created: out.created, handed };
}

describe("the leads pass of a trace, read in place", () => {
  it("gives the ids and creations the cells give, and hands on the same rows", async () => {
    const next = random(20261205);
    const pick = (list: string[]) => list[next(list.length)] as string;
    for (let round = 0; round < 50; round++) {
      const rows: string[] = [];
      for (let i = 0; i < 200; i++) {
        // Mostly an id of its own (so every row's creation shows), sometimes one of the odd ones.
        const id = next(4) === 0 ? pick(IDS) : `L-${round}-${i}`;
        const cells = [id, pick(TIMES), `Co ${next(50)}`, next(3) === 0 ? "" : `x${i}@example.com`];
        if (next(25) === 0) cells.push("extra");
        rows.push(cells.join(","));
      }
      const [cut, inPlace] = [await pass(rows, false), await pass(rows, true)];
      expect(inPlace).toEqual(cut);
      // The traced lead's rows and the rows neither way reads are handed on to the table.
      expect(cut.handed.some((r) => r.startsWith("L-TRACED,"))).toBe(
        rows.some((r) => r.startsWith("L-TRACED,")),
      );
    }
  });
});

describe("the leads pass of a trace, ids repeated", () => {
  /** Rows of id and created_at as the table hands them on. */
  async function* table(rows: [string, string][]) {
    yield rows.map(([id, at], i) => ({ cells: [id, at, "", ""], line: i + 2 }));
  }
  const parser = createTimestampParser("UTC", null, false, true);
  const day = (d: number) => Date.UTC(2026, 4, d);

  it("keeps each id once, in order of its first row, with its earliest creation (none only when no row has one)", async () => {
    const out = await leadCreations(
      table([
        ["L-1", "2026-05-05"],
        ["L-2", "2026-05-04"],
        ["L-1", "2026-05-03"], // earlier: L-1's creation becomes 3 May
        ["L-3", ""], // none yet
        ["L-2", ""], // none: L-2 keeps 4 May
        ["L-3", "2026-05-06"], // L-3's first creation: 6 May
        ["L-1", "2026-05-09"], // later: L-1 keeps 3 May
      ]),
      { index, parser },
      "L-TRACED",
    );
    expect(out.ids).toEqual(["L-1", "L-2", "L-3"]);
    expect(out.created).toEqual([day(3), day(4), day(6)]);
    // The index numbers ids as `ids` does: L-2 is 1, L-3 is 2.
    expect(["L-1", "L-2", "L-3", "L-9"].map((k) => out.index.get(k))).toEqual([0, 1, 2, undefined]);
    expect(out.index.size).toBe(3);
  });

  it("with no id repeated, numbers each id by its row", async () => {
    const out = await leadCreations(
      table([
        ["L-7", "2026-05-07"],
        ["L-5", ""],
        ["L-6", "2026-05-06"],
      ]),
      { index, parser },
      "L-TRACED",
    );
    expect(out.ids).toEqual(["L-7", "L-5", "L-6"]);
    expect(out.created).toEqual([day(7), Number.NaN, day(6)]);
    expect(["L-7", "L-5", "L-6"].map((k) => out.index.get(k))).toEqual([0, 1, 2]);
  });
});
